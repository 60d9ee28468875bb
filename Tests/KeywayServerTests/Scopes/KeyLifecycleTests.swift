import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// Expiry, last use and the dashboard's admin-only sign-in.
@Suite("Scopes: key lifecycle")
struct KeyLifecycleTests {
    @Test("an expired key is refused with 401 api_key_expired, even while its record is cached")
    func expired() async throws {
        try await Harness.run { h in
            _ = try await h.connect()
            let created = try await h.http.post(
                "\(h.api)/keys", json: #"{"name":"short","scopes":["tokens:read"],"expiresIn":60}"#)
            #expect(created.status == 201, "\(created.body)")
            #expect(created.json["expiresAt"] is String)
            var key = h.http
            key.apiKey = try #require(created.json["key"] as? String)
            let url = "\(h.api)/services/hubspot/token?tag=tenantId:contoso"
            #expect(try await key.get(url).status == 200)  // now cached
            h.clock.advance(by: 61)
            let refused = try await key.get(url)
            #expect(refused.status == 401)
            #expect(refused.errorCode == "api_key_expired")
            // A wrong secret for the same id is just not valid: expiry is told only to the key's holder.
            var wrong = h.http
            wrong.apiKey = "kw_\(created.json["id"] as! String)_wrongsecret"
            #expect(try await wrong.get(url).errorCode == "unauthorized")
            let badLifetime = try await h.http.post("\(h.api)/keys", json: #"{"name":"x","expiresIn":-5}"#)
            #expect(badLifetime.errorCode == "invalid_expiry")
        }
    }

    @Test("last use is kept in memory, shown in lists at once, and written only by a flush")
    func lastUsed() async throws {
        try await Harness.run { h in
            let (key, record) = try await h.client(scopes: [.identitiesRead])
            #expect(try await h.store.apiKey(id: record.id)?.lastUsedAt == nil)
            for _ in 0..<5 { #expect(try await key.get("\(h.api)/services/hubspot/identities").status == 200) }
            // No write per request: the database has not seen the use yet.
            #expect(try await h.store.apiKey(id: record.id)?.lastUsedAt == nil)
            let listed = try await h.http.get("\(h.api)/keys")
            let item = (listed.json["items"] as? [[String: Any]])?.first { $0["id"] as? String == record.id }
            let shown = try #require(item?["lastUsedAt"] as? String)
            try await h.keyway.flushAPIKeyUsage()
            let stored = try #require(try await h.store.apiKey(id: record.id)?.lastUsedAt)
            #expect(stored.rfc3339 == shown)
            // A later flush never moves it back.
            try await h.store.recordAPIKeyUse([record.id: stored.addingTimeInterval(-100)])
            #expect(try await h.store.apiKey(id: record.id)?.lastUsedAt == stored)
        }
    }

    @Test("the dashboard refuses a key without admin, with its own message; an admin key signs in")
    func dashboard() async throws {
        try await Harness.run { h in
            let reader = try await h.keyway.createAPIKey(name: "app", scopes: KeyScopes([.tokensRead, .keysWrite, .servicesWrite, .identitiesWrite]))
            var browser = h.http.newBrowser()
            browser.apiKey = nil
            let refused = try await browser.send(
                .POST, "\(h.base)/dashboard/login", body: "apiKey=\(HTTP.escape(reader.key))",
                headers: [("Origin", h.base)], contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(refused.status == 403)
            #expect(refused.body.contains("lacks the admin scope"))
            #expect(refused.headers.first(name: "set-cookie") == nil)
            let admitted = try await browser.send(
                .POST, "\(h.base)/dashboard/login", body: "apiKey=\(HTTP.escape(h.apiKey))",
                headers: [("Origin", h.base)], contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(admitted.status == 303)
            // A pass made for a key that is not admin is refused too (as a forged-in-the-past pass would be).
            let pass = h.keyway.dashboardPass(for: reader.record)
            #expect(try await h.keyway.verifyDashboardPass(pass) == nil)
        }
    }
}
