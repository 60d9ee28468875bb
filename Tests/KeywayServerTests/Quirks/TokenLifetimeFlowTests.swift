import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Salesforce's token answers carry no `expires_in`; the session still times out (2 hours by default).
@Suite("Quirk: no expires_in")
struct TokenLifetimeFlowTests {
    @Test("salesforce assumes its default 2-hour lifetime, refreshes after it and keeps the reused refresh token")
    func defaultLifetime() async throws {
        let salesforce = SandboxGeneric(options: .salesforceLike())
        try await Harness.run(generic: ["salesforce": salesforce]) { h in
            try await h.pointService("sfdc", provider: "salesforce", at: "salesforce")
            let id = try await h.connect(service: "sfdc")
            let first = try await h.token(service: "sfdc", identity: id)
            let native = try #require(first["native"] as? [String: Any])
            #expect(native["expires_in"] == nil)
            let stored = try #require(try await h.store.identity(serviceId: "sfdc", id: id))
            let expiresAt = try #require(stored.expiresAt, "the catalog's defaultTokenLifetime applies")
            #expect(abs(expiresAt.timeIntervalSince(h.clock.now) - 7200) < 60)

            h.clock.advance(by: 7200)
            let second = try await h.token(service: "sfdc", identity: id)
            #expect(second["accessToken"] as? String != first["accessToken"] as? String)
            #expect(salesforce.stats().tokenRequests["refresh_token"] == 1)
            let after = try #require(try await h.store.identity(serviceId: "sfdc", id: id))
            #expect(after.credentials.refreshToken == stored.credentials.refreshToken, "Salesforce reuses it")
            #expect(try #require(after.expiresAt) > h.clock.now.addingTimeInterval(7000))
        }
    }
}
