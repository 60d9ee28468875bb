import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// The token endpoint's quirks, each flown end to end against a generic sandbox that insists on it: a separate
/// refresh URL (Figma), fixed extra parameters on the code exchange and on refreshes (Basecamp's `type`,
/// Zendesk's `expires_in`), and providers that issue no refresh tokens (Stack Exchange, Mailchimp).
@Suite("Quirk: token endpoint")
struct GrantQuirkFlowTests {
    /// Connects `entry` (as its `-loopback` copy) through a sandbox behaving as the entry says, lets the token
    /// expire, and reads it again; returns the sandbox's counters.
    static func connectAndRefresh(_ id: String) async throws -> SandboxGenericStats {
        let bundled = try #require(ProviderCatalog.bundled.provider(id))
        let sandbox = SandboxGeneric(options: bundled.loopback(root: "").sandboxOptions())
        let stats = Locked<SandboxGenericStats?>(nil)
        try await sandbox.runStandalone { root in
            let entry = bundled.loopback(root: root)
            let catalog = ProviderCatalog(providers: ProviderCatalog.bundled.providers + [entry])
            try await Harness.run(catalog: catalog) { h in
                try await h.configureCatalogService(id, provider: entry.id, scopes: ["read"])
                let identity = try await h.connect(service: id)
                let first = try #require(try await h.token(service: id, identity: identity)["accessToken"] as? String)
                h.clock.advance(by: 7200)
                let answer = try await h.http.get("\(h.api)/services/\(id)/identities/\(identity)/token")
                #expect(answer.status == 200, "\(id): \(answer.body)")
                let second = try #require(answer.json["accessToken"] as? String)
                #expect(second != first, "\(id): the token was not refreshed")
                #expect(try await h.store.identity(serviceId: id, id: identity)?.status == .active)
                stats.withLock { $0 = sandbox.stats() }
            }
        }
        return try #require(stats.value)
    }

    @Test("Figma: refreshes go to the separate refresh URL (the token URL refuses them)")
    func separateRefreshURL() async throws {
        let figma = try #require(ProviderCatalog.bundled.provider("figma"))
        #expect(figma.refreshUrl != nil)
        let stats = try await Self.connectAndRefresh("figma")
        #expect(stats.tokenRequests["authorization_code"] == 1)
        #expect(stats.tokenRequests["refresh_token"] == 1)
    }

    @Test("Basecamp and Zendesk: fixed extra parameters reach the code exchange and the refresh", arguments: ["basecamp", "zendesk"])
    func extraParameters(id: String) async throws {
        let entry = try #require(ProviderCatalog.bundled.provider(id))
        #expect(!entry.tokenParams.isEmpty && !entry.refreshParams.isEmpty)
        let stats = try await Self.connectAndRefresh(id)
        #expect(stats.tokenRequests["authorization_code"] == 1)
        #expect(stats.tokenRequests["refresh_token"] == 1)
    }

    @Test("without refresh tokens: a token that does not expire is served for good, with no refresh attempt", arguments: ["stackexchange", "mailchimp"])
    func noRefreshTokens(id: String) async throws {
        let bundled = try #require(ProviderCatalog.bundled.provider(id))
        #expect(bundled.refreshTokens == .none)
        let sandbox = SandboxGeneric(options: bundled.loopback(root: "").sandboxOptions(tokenLifetime: nil))
        try await sandbox.runStandalone { root in
            let entry = bundled.loopback(root: root)
            let catalog = ProviderCatalog(providers: ProviderCatalog.bundled.providers + [entry])
            try await Harness.run(catalog: catalog) { h in
                try await h.configureCatalogService(id, provider: entry.id, scopes: ["read"])
                let identity = try await h.connect(service: id)
                let stored = try #require(try await h.store.identity(serviceId: id, id: identity))
                #expect(stored.credentials.refreshToken == nil)
                let first = try #require(try await h.token(service: id, identity: identity)["accessToken"] as? String)
                h.clock.advance(by: 400 * 86_400)
                let later = try #require(try await h.token(service: id, identity: identity)["accessToken"] as? String)
                #expect(later == first)
                #expect(sandbox.stats().tokenRequests["refresh_token"] == 0)
                let me = try await h.callAPI(root + "/api/me", token: later, asProvider: entry.id)
                #expect(me.status == 200, "\(me.body)")
            }
        }
    }
}
