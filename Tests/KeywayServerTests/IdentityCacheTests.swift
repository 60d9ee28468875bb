import Foundation
import KeywaySandboxHosting
import KeywayTestSupport
import Testing

/// The cache of opened identities on one Keyway: what it changes is seen at once (replicas: ReplicaIdentityCacheTests).
@Suite("Identity cache on one node")
struct IdentityCacheTests {
    @Test("a new identity carrying a cached tag filter's tags makes that filter ambiguous at once")
    func newIdentityMakesFilterAmbiguous() async throws {
        try await Harness.run { h in
            let first = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            let url = "\(h.api)/services/hubspot/token?tag=tenantId:contoso"
            let once = try await h.http.get(url)
            #expect(once.status == 200 && once.json["identityId"] as? String == first, "\(once.body)")
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "u2"])
            let again = try await h.http.get(url)
            #expect(again.status == 409 && again.errorCode == "ambiguous_identity", "\(again.body)")
        }
    }

    @Test("a reconnect's new token is served at once, by id and by tags")
    func reconnectServedAtOnce() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            let byId = "\(h.api)/services/hubspot/identities/\(id)/token"
            let byTags = "\(h.api)/services/hubspot/token?tag=tenantId:contoso"
            let old = try #require(try await h.http.get(byId).json["accessToken"] as? String)
            #expect(try await h.http.get(byTags).json["accessToken"] as? String == old)
            #expect(try await h.connect() == id, "the same tags connect the same identity again")
            let new = try #require(try await h.http.get(byId).json["accessToken"] as? String)
            #expect(new != old, "the old token is still served by id after the reconnect")
            #expect(try await h.http.get(byTags).json["accessToken"] as? String == new)
        }
    }

    @Test("deleting by tags forgets every identity it deleted")
    func deleteByTags() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token").status == 200)
            let deleted = try await h.http.delete("\(h.api)/services/hubspot/identities?tag=tenantId:contoso")
            #expect(deleted.status == 200, "\(deleted.body)")
            let after = try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token")
            #expect(after.status == 404, "\(after.body)")
        }
    }

    @Test("a service deleted with its identities and set again serves none of them, by id or by tags")
    func serviceDeletedAndSetAgain() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            let byId = "\(h.api)/services/hubspot/identities/\(id)/token"
            let byTags = "\(h.api)/services/hubspot/token?tag=tenantId:contoso"
            #expect(try await h.http.get(byId).status == 200)
            #expect(try await h.http.get(byTags).status == 200)
            let forced = try await h.http.delete("\(h.api)/services/hubspot?force=true")
            #expect(forced.status == 204, "\(forced.body)")
            _ = try await SandboxService.configure(on: h.keyway, sandbox: h.sandbox, sandboxURL: h.sandboxURL)
            let again = try await h.http.get(byId)
            #expect(again.status == 404 && again.errorCode == "identity_not_found", "served after its service went: \(again.body)")
            let againByTags = try await h.http.get(byTags)
            #expect(againByTags.status == 404, "served by tags after its service went: \(againByTags.body)")
        }
    }
}
