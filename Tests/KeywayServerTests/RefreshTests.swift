import Foundation
import KeywayCore
import KeywaySandbox
import KeywaySandboxHosting
import KeywayServer
import KeywayTestSupport
import Testing

/// Tokens are refreshed on read when due, with and without rotating refresh tokens.
@Suite("Refresh on read")
struct RefreshTests {
    @Test("an expired token is refreshed before it is handed out, rotation on and off", arguments: [false, true])
    func refreshAfterExpiry(rotate: Bool) async throws {
        try await Harness.run(sandbox: SandboxOptions(rotateRefreshTokens: rotate)) { h in
            let id = try await h.connect()
            let url = "\(h.api)/services/hubspot/identities/\(id)/token"
            let first = try #require(try await h.http.get(url).json["accessToken"] as? String)
            let storedBefore = try #require(try await h.store.identity(serviceId: "hubspot", id: id))
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 0)

            h.clock.advance(by: 1801)
            let second = try await h.http.get(url)
            #expect(second.status == 200, "\(second.body)")
            let secondToken = try #require(second.json["accessToken"] as? String)
            #expect(secondToken != first)
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)
            let storedAfter = try #require(try await h.store.identity(serviceId: "hubspot", id: id))
            #expect(storedAfter.version == storedBefore.version + 1)
            if rotate {
                #expect(storedAfter.credentials.refreshToken != storedBefore.credentials.refreshToken)
            } else {
                #expect(storedAfter.credentials.refreshToken == storedBefore.credentials.refreshToken)
            }
            let expiresAt = try #require(storedAfter.expiresAt)
            #expect(expiresAt > h.clock.now.addingTimeInterval(1700))

            // A second expiry refreshes again with whichever refresh token is now stored.
            h.clock.advance(by: 1801)
            let third = try await h.http.get(url)
            #expect(third.status == 200)
            #expect(third.json["accessToken"] as? String != secondToken)
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 2)

            let contact = try await h.http.send(
                .POST, "\(h.sandboxURL)/crm/v3/objects/contacts", body: #"{"properties":{"email":"a@example.com"}}"#,
                headers: [("Authorization", "Bearer \(third.json["accessToken"] as? String ?? "")")], authorized: false)
            #expect(contact.status == 201)
        }
    }

    @Test("a token due within the margin is refreshed; one outside it is not")
    func margin() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            h.clock.advance(by: 1400)  // 400 s left: outside the 300 s margin
            _ = try await h.keyway.token(serviceId: "hubspot", identityId: id)
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 0)
            h.clock.advance(by: 200)  // 200 s left: inside
            _ = try await h.keyway.token(serviceId: "hubspot", identityId: id)
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)
        }
    }

    @Test("a refresh answered invalid_grant marks the identity refresh_failed, keeps it, and answers 409")
    func refusedRefresh() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            let stored = try #require(try await h.store.identity(serviceId: "hubspot", id: id))
            let refreshToken = try #require(stored.credentials.refreshToken)
            let revoke = try await h.http.send(
                .DELETE, "\(h.sandboxURL)/oauth/v1/refresh-tokens/\(refreshToken)", authorized: false)
            #expect((200..<300).contains(revoke.status))

            h.clock.advance(by: 1801)
            let answer = try await h.http.get("\(h.api)/services/hubspot/token?tenantId=contoso")
            #expect(answer.status == 409, "\(answer.body)")
            #expect(answer.errorCode == "refresh_failed")
            #expect(!answer.body.contains(refreshToken))

            let identity = try await h.http.get("\(h.api)/services/hubspot/identities/\(id)")
            #expect(identity.status == 200)
            #expect(identity.json["status"] as? String == "refresh_failed")
            #expect((identity.json["statusReason"] as? String)?.contains("invalid_grant") == true)

            let again = try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token")
            #expect(again.errorCode == "refresh_failed")
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)

            // Connecting again with the same tags brings it back.
            #expect(try await h.connect() == id)
            let back = try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token")
            #expect(back.status == 200)
        }
    }

    @Test("an expired token is never handed out: with the provider unreachable, 502 refresh_unavailable; a due one is")
    func providerDown() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            let url = "\(h.api)/services/hubspot/identities/\(id)/token"
            let issued = try #require(try await h.http.get(url).json["accessToken"] as? String)
            // The token endpoint now points at a port where nothing listens.
            _ = try await h.keyway.saveService(
                id: "hubspot",
                ServiceDefinition(
                    provider: "hubspot", clientId: h.sandbox.options.clientId,
                    clientSecret: h.sandbox.options.clientSecret, scopes: SandboxService.scopes,
                    authorizationUrl: h.sandboxURL + "/oauth/authorize", tokenUrl: "http://127.0.0.1:9/token",
                    apiBaseUrl: h.sandboxURL))

            h.clock.advance(by: 1700)  // due (within 5 minutes), not expired: the current token is still given
            let due = try await h.http.get(url)
            #expect(due.status == 200, "\(due.body)")
            #expect(due.json["accessToken"] as? String == issued)

            h.clock.advance(by: 200)  // expired
            let expired = try await h.http.get(url)
            #expect(expired.status == 502, "\(expired.body)")
            #expect(expired.errorCode == "refresh_unavailable")
            #expect(!expired.body.contains(issued))
            let stored = try #require(try await h.store.identity(serviceId: "hubspot", id: id))
            #expect(stored.status == .active, "a provider that cannot be reached marks nothing")
        }
    }
}
