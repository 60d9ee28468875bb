import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// The browser journey of the seeds over real HTTP: session, consent, callback, token, CRM.
@Suite("Authorization flow")
struct FlowTests {
    @Test("allow: the finished URL names the identity and its token creates a contact in the sandbox CRM")
    func allow() async throws {
        try await Harness.run { h in
            let finished = try await h.walk(try await h.createSession())
            #expect(finished.hasPrefix("http://127.0.0.1:9/finished?"))
            let query = queryItems(finished)
            #expect(query["serviceId"] == "hubspot")
            #expect(query["tenantId"] == "contoso")
            #expect(query["userId"] == "u1")
            #expect(query["error"] == nil)
            let identityId = try #require(query["identityId"])

            let token = try await h.http.get("\(h.api)/services/hubspot/token?tag=tenantId:contoso&tag=userId:u1")
            #expect(token.status == 200, "\(token.body)")
            #expect(token.json["identityId"] as? String == identityId)
            let accessToken = try #require(token.json["accessToken"] as? String)
            #expect(token.json["expiresAt"] is String)
            let native = try #require(token.json["native"] as? [String: Any])
            #expect(native["refresh_token"] == nil)
            #expect(native["access_token"] as? String == accessToken)

            let created = try await h.http.send(
                .POST, "\(h.sandboxURL)/crm/v3/objects/contacts",
                body: #"{"properties":{"email":"reader@example.com","firstname":"Ada"}}"#,
                headers: [("Authorization", "Bearer \(accessToken)")], authorized: false)
            #expect(created.status == 201, "\(created.body)")
            let contactId = try #require(created.json["id"] as? String)
            let fetched = try await h.http.get(
                "\(h.sandboxURL)/crm/v3/objects/contacts/\(contactId)", headers: [("Authorization", "Bearer \(accessToken)")],
                authorized: false)
            #expect(fetched.status == 200)
            #expect((fetched.json["properties"] as? [String: Any])?["email"] as? String == "reader@example.com")

            let identity = try await h.http.get("\(h.api)/services/hubspot/identities/\(identityId)")
            #expect(identity.json["status"] as? String == "active")
            #expect(identity.json["tags"] as? [String: String] == ["tenantId": "contoso", "userId": "u1"])
            #expect((identity.json["metadata"] as? [String: String])?["hub_id"] == "62515")
            #expect(!identity.body.contains(accessToken))
        }
    }

    @Test("deny: the finished URL carries access_denied and nothing is stored")
    func deny() async throws {
        try await Harness.run { h in
            let finished = try await h.walk(try await h.createSession(), decision: "deny")
            let query = queryItems(finished)
            #expect(query["error"] == "access_denied")
            #expect(query["errorDescription"]?.isEmpty == false)
            #expect(query["identityId"] == nil)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
        }
    }

    @Test("a replayed callback gets an error page and changes nothing")
    func replayedCallback() async throws {
        try await Harness.run { h in
            let callback = try await h.consent(try await h.createSession())
            let first = try await h.http.get(callback, authorized: false)
            #expect(first.status == 302)
            let identityId = try #require(queryItems(first.location ?? "")["identityId"])
            let before = try #require(try await h.store.identity(serviceId: "hubspot", id: identityId))

            let replay = try await h.http.get(callback, authorized: false)
            #expect(replay.status == 400)
            #expect(replay.headers.first(name: "content-type")?.hasPrefix("text/html") == true)
            #expect(replay.body.contains("invalid_state"))
            let after = try #require(try await h.store.identity(serviceId: "hubspot", id: identityId))
            #expect(after == before)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 1)
            #expect(h.sandbox.stats().tokenRequests["authorization_code"] == 1)
        }
    }

    @Test("a forged state gets an error page, reaches no provider and stores nothing")
    func forgedState() async throws {
        try await Harness.run { h in
            _ = try await h.createSession()
            let forged = try await h.http.get(
                "\(h.api)/oauth/callback/hubspot?code=stolen-code&state=forged-\(UUID().uuidString)", authorized: false)
            #expect(forged.status == 400)
            #expect(forged.body.contains("invalid_state"))
            let missing = try await h.http.get("\(h.api)/oauth/callback/hubspot?code=x", authorized: false)
            #expect(missing.status == 400)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
            #expect(h.sandbox.stats().tokenRequests["authorization_code"] == 0)
        }
    }

    @Test("a session older than its lifetime ends on the finished URL with session_expired")
    func expiredSession() async throws {
        try await Harness.run(sessionLifetime: 60) { h in
            let atConnect = try await h.createSession()
            h.clock.advance(by: 61)
            let connect = try await h.http.get(atConnect, authorized: false)
            #expect(connect.status == 302)
            #expect(queryItems(connect.location ?? "")["error"] == "session_expired")

            let atCallback = try await h.createSession()
            let callback = try await h.consent(atCallback)
            h.clock.advance(by: 61)
            let finished = try await h.http.get(callback, authorized: false)
            #expect(queryItems(finished.location ?? "")["error"] == "session_expired")
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
            #expect(h.sandbox.stats().tokenRequests["authorization_code"] == 0)
        }
    }

    @Test("a code the provider refuses (invalid_grant) ends with code_exchange_failed and stores nothing")
    func refusedCode() async throws {
        try await Harness.run { h in
            let callback = try await h.consent(try await h.createSession())
            var components = try #require(URLComponents(string: callback))
            components.queryItems = components.queryItems?.map {
                $0.name == "code" ? URLQueryItem(name: "code", value: "not-a-code") : $0
            }
            let finished = try await h.http.get(try #require(components.string), authorized: false)
            #expect(finished.status == 302)
            let query = queryItems(finished.location ?? "")
            #expect(query["error"] == "code_exchange_failed")
            #expect(query["errorDescription"]?.contains("invalid_grant") == true)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
        }
    }

    @Test("two callbacks with the same tags at once leave one identity, which both finish with")
    func racingCallbacks() async throws {
        try await Harness.run { h in
            for round in 0..<5 {
                let tags = ["tenantId": "race-\(round)"]
                let first = try await h.consent(try await h.createSession(tags: tags))
                let second = try await h.consent(try await h.createSession(tags: tags))
                async let a = h.http.get(first, authorized: false)
                async let b = h.http.get(second, authorized: false)
                let ids = try await [a, b].map { queryItems($0.location ?? "")["identityId"] }
                #expect(ids[0] != nil && ids[0] == ids[1], "round \(round): \(ids)")
                let page = try await h.store.identities(serviceId: "hubspot", matching: tags, limit: 10, after: nil)
                #expect(page.items.count == 1, "round \(round)")
            }
        }
    }

    @Test("connecting again with the same tags updates the same identity")
    func reconnect() async throws {
        try await Harness.run { h in
            let first = try await h.connect()
            let firstToken = try await h.keyway.token(serviceId: "hubspot", identityId: first).accessToken
            let second = try await h.connect()
            #expect(second == first)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 1)
            #expect(try await h.keyway.token(serviceId: "hubspot", identityId: first).accessToken != firstToken)
            let other = try await h.connect(tags: ["tenantId": "contoso", "userId": "u2"])
            #expect(other != first)
        }
    }
}
