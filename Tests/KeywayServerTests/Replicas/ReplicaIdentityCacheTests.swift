import Foundation
import KeywayCore
import KeywayStore
import KeywayTestSupport
import Logging
import Testing

/// The cache of opened identities: exact on the replica that writes, bounded by `--identity-cache-lifetime` on
/// the others. Every read below that must not be served stale comes right after the replica read (and so
/// cached) the identity.
@Suite(
    "Replicas: the identity cache", .serialized,
    .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason))
struct ReplicaIdentityCacheTests {
    /// A lifetime long enough that a stale entry would still be served by the checks on the writing replica.
    static let lifetime = ["--identity-cache-lifetime", "1.5"]
    static let bound: Duration = .milliseconds(1700)
    static let logger = Logger(label: "keyway.tests.cache", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("a deleted identity is never served after its delete returns on the same replica, nor after the bound on another")
    func deleted() async throws {
        try await ReplicaSet.run(count: 2, arguments: Self.lifetime) { set in
            let id = try await set.connect(tags: ["tenantId": "gone"], session: 0, connect: 1, callback: 0)
            let byTags = "/services/hubspot/token?tag=tenantId:gone"
            for replica in 0..<2 {
                #expect(try await set.token(id, on: replica).status == 200)
                #expect(try await set.http.get(set.api(replica) + byTags).status == 200)
            }
            let deleted = try await set.http.delete(set.api(0) + "/services/hubspot/identities/\(id)?revoke=false")
            #expect(deleted.status == 204, "\(deleted.body)")

            let here = try await set.token(id, on: 0)
            #expect(here.status == 404 && here.errorCode == "identity_not_found", "served after its delete: \(here.body)")
            let hereByTags = try await set.http.get(set.api(0) + byTags)
            #expect(hereByTags.status == 404, "served by tags after its delete: \(hereByTags.body)")
            let proxied = try await set.http.get(
                set.api(0) + "/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", id)])
            #expect(proxied.status == 404, "proxied after its delete: \(proxied.body)")

            try await Task.sleep(for: Self.bound)
            let there = try await set.token(id, on: 1)
            #expect(there.status == 404, "served by another replica after the bound: \(there.body)")
            #expect(try await set.http.get(set.api(1) + byTags).status == 404)
        }
    }

    @Test("a token refreshed on one replica (a 401 in the proxy) replaces the old one there at once, elsewhere within the bound")
    func refreshed() async throws {
        try await ReplicaSet.run(count: 2, arguments: Self.lifetime) { set in
            let id = try await set.connect(session: 0, connect: 1, callback: 0)
            let old = try #require(try await set.token(id, on: 0).json["accessToken"] as? String)
            #expect(try await set.token(id, on: 1).json["accessToken"] as? String == old)

            let fault = try await set.http.post(set.sandboxURL + "/_faults", json: #"{"status":401,"count":1}"#)
            #expect(fault.status == 200)
            let proxied = try await set.http.get(
                set.api(0) + "/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", id)])
            #expect(proxied.status == 200, "\(proxied.body)")
            #expect(set.sandbox.stats().tokenRequests["refresh_token"] == 1)

            let here = try #require(try await set.token(id, on: 0).json["accessToken"] as? String)
            #expect(here != old, "the replica that refreshed still serves the old token")

            try await Task.sleep(for: Self.bound)
            let there = try #require(try await set.token(id, on: 1).json["accessToken"] as? String)
            #expect(there == here, "another replica still serves the old token after the bound")
            #expect(set.sandbox.stats().tokenRequests["refresh_token"] == 1)
        }
    }

    @Test("an identity marked refresh_failed is not served as active: at once where it was marked, within the bound elsewhere")
    func refreshFailed() async throws {
        try await ReplicaSet.run(count: 2, arguments: Self.lifetime) { set in
            let id = try await set.connect(session: 0, connect: 1, callback: 0)
            for replica in 0..<2 { #expect(try await set.token(id, on: replica).status == 200) }

            // The provider forgets the grant: the refresh a 401 sets off is answered invalid_grant.
            let refreshToken = try await Self.refreshToken(of: id, in: set)
            let revoke = try await set.http.send(
                .DELETE, set.sandboxURL + "/oauth/v1/refresh-tokens/\(refreshToken)", authorized: false)
            #expect((200..<300).contains(revoke.status))
            let fault = try await set.http.post(set.sandboxURL + "/_faults", json: #"{"status":401,"count":1}"#)
            #expect(fault.status == 200)
            let proxied = try await set.http.get(
                set.api(0) + "/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", id)])
            #expect(proxied.status != 200, "\(proxied.body)")

            let here = try await set.token(id, on: 0)
            #expect(here.status == 409 && here.errorCode == "refresh_failed", "served as active: \(here.body)")

            try await Task.sleep(for: Self.bound)
            let there = try await set.token(id, on: 1)
            #expect(there.status == 409 && there.errorCode == "refresh_failed", "served as active after the bound: \(there.body)")
        }
    }

    /// The identity's refresh token, read from the shared database with the replicas' master key.
    static func refreshToken(of id: String, in set: ReplicaSet) async throws -> String {
        let store = try await SQLStore.openPostgreSQL(
            url: set.databaseURL, sealer: Sealer(current: try MasterKey(base64: set.masterKey)), logger: logger)
        do {
            let identity = try #require(try await store.identity(serviceId: "hubspot", id: id))
            try await store.close()
            return try #require(identity.credentials.refreshToken)
        } catch {
            try? await store.close()
            throw error
        }
    }
}
