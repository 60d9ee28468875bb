import Foundation
import KeywayCore
import KeywayStore
import KeywayTestSupport
import SQLKit
import Testing

/// A write to the database without the master key cannot steer a secret to another host: the altered
/// service or identity fails closed, and nothing reaches the new host.
@Suite("Stored values that steer secrets are bound")
struct IntegrityTests {
    static func run(_ h: Harness, _ sql: String) async throws {
        try await h.store.database.transaction { db in try await db.raw(SQLQueryString(sql)).run() }
    }

    /// Waits out the engine's short cache of services, so that the next request reads the altered row.
    static func waitForServiceCache() async throws { try await Task.sleep(for: .milliseconds(2100)) }

    @Test("a service whose token URL was changed in the database fails closed: no refresh, no session, nothing sent")
    func tokenURLRewritten() async throws {
        let upstream = Upstream()
        try await upstream.run { upstreamURL in
            try await Harness.run { h in
                let id = try await h.connect()
                try await Self.run(h, "UPDATE services SET token_url = '\(upstreamURL)/inspect/steal' WHERE id = 'hubspot'")
                try await Self.waitForServiceCache()
                h.clock.advance(by: 3600)  // the token is due: a refresh would call the token URL
                let token = try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token")
                #expect(token.status == 409, "\(token.body)")
                #expect(token.errorCode == "integrity_failed")
                let service = try await h.http.get("\(h.api)/services/hubspot")
                #expect(service.errorCode == "integrity_failed")
                let session = try await h.http.post(
                    "\(h.api)/services/hubspot/sessions", json: #"{"tags":{},"finishedUrl":"http://127.0.0.1:9/f"}"#)
                #expect(session.errorCode == "integrity_failed")
                _ = try? await h.keyway.refreshAhead(idleAfter: nil)
                #expect(upstream.requests == 0, "nothing reached the new host")
                #expect((h.sandbox.stats().tokenRequests["refresh_token"] ?? 0) == 0)
                // Keyway keeps serving, and the operator can set the service again in full.
                let list = try await h.http.get("\(h.api)/services")
                #expect(list.status == 200)
            }
        }
    }

    @Test("a service whose API base URL was changed in the database sends no proxied request there")
    func apiBaseRewritten() async throws {
        let upstream = Upstream()
        try await upstream.run { upstreamURL in
            try await Harness.run { h in
                let id = try await h.connect()
                try await Self.run(h, "UPDATE services SET api_base_url = '\(upstreamURL)/inspect' WHERE id = 'hubspot'")
                try await Self.waitForServiceCache()
                let proxied = try await h.http.send(
                    .GET, "\(h.api)/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", id)])
                #expect(proxied.errorCode == "integrity_failed", "\(proxied.body)")
                #expect(upstream.requests == 0)
            }
        }
    }

    @Test("an identity whose metadata or service was changed in the database hands out no token")
    func identityRewritten() async throws {
        try await Harness.run { h in
            let first = try await h.connect(tags: ["tenantId": "a"])
            let second = try await h.connect(tags: ["tenantId": "b"])
            try await Self.run(h, #"UPDATE identities SET metadata = '{"instance_url":"http://127.0.0.1:9"}' WHERE id = '\#(first)'"#)
            let token = try await h.http.get("\(h.api)/services/hubspot/identities/\(first)/token")
            #expect(token.status == 409)
            #expect(token.errorCode == "integrity_failed")
            #expect(!token.body.contains("accessToken"))
            let listed = try await h.http.get("\(h.api)/services/hubspot/identities/\(first)")
            #expect(listed.json["status"] as? String == "integrity_failed")
            // The other identity is untouched.
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(second)/token").status == 200)
            // Connecting again with the same tags replaces the altered identity with a genuine one.
            let again = try await h.connect(tags: ["tenantId": "a"])
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(again)/token").status == 200)
        }
    }
}
