import Foundation
import KeywayCore
import KeywaySandbox
import KeywayStore
import KeywayTestSupport
import Logging
import Testing

/// Refreshing ahead of need on every replica: the passes split the work and refresh nothing twice.
@Suite(
    "Replicas: refresh ahead of need, shared", .serialized,
    .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason))
struct ReplicaRefreshAheadTests {
    @Test("three replicas passing every 300 ms skip an identity whose lock is held, then refresh it once")
    func sharedPasses() async throws {
        // Tokens of 20 s under a 50 s margin, which a token this short caps at half its lifetime: due 10 s
        // after they are issued.
        let options = SandboxOptions(tokenLifetime: .seconds(20))
        let arguments = ["--refresh-margin", "50", "--refresh-interval", "0.3"]
        try await ReplicaSet.run(sandbox: options, arguments: arguments) { set in
            let ids = [
                try await set.connect(tags: ["tenantId": "a"]),
                try await set.connect(tags: ["tenantId": "b"], session: 1, connect: 2, callback: 0),
            ]
            // Tokens issued from now on (the refreshes) last an hour, so each identity is due once in this
            // test however slowly a loaded machine runs it: a second grant can only be a second refresh.
            let lifetime = try await set.http.post(set.sandboxURL + "/_config", json: #"{"tokenLifetimeSeconds":3600}"#)
            #expect(lifetime.status == 200)
            // Hold the first identity's refresh lock, as a replica in the middle of a slow refresh would. It
            // expires first, so passes meet it first: a pass that waited for its lock would never reach the
            // second one; a pass that skips it refreshes the second.
            let logger = Logger(label: "keyway.tests", factory: { _ in SwiftLogNoOpLogHandler() })
            let store = try await SQLStore.openPostgreSQL(
                url: set.databaseURL, sealer: Sealer(current: try MasterKey(base64: set.masterKey)), logger: logger)
            let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
            let (held, heldContinuation) = AsyncStream.makeStream(of: Void.self)
            let holder = Task {
                try await store.withRefreshLock(identityId: ids[0]) {
                    heldContinuation.finish()
                    for await _ in release {}
                }
            }
            for await _ in held {}
            // Both become due after 10 s; by 13 s, about 40 passes have run on each replica. Only the free
            // identity is refreshed, once.
            try await Task.sleep(for: .seconds(13))
            let whileHeld = set.sandbox.stats().tokenRequests["refresh_token"] ?? 0
            releaseContinuation.finish()
            try await holder.value
            try await store.close()
            try await Task.sleep(for: .seconds(3))
            let after = set.sandbox.stats().tokenRequests["refresh_token"] ?? 0
            print(
                "replicas: refresh ahead over three replicas sent \(whileHeld) grant(s) while one identity's lock"
                    + " was held, \(after) in all")
            #expect(whileHeld == 1, "only the identity whose lock is free was refreshed, once")
            #expect(after == 2, "once the lock was free, the other was refreshed once")
            for id in ids {
                let answer = try await set.token(id, on: 2)
                #expect(answer.status == 200)
            }
            #expect(set.sandbox.stats().tokenRequests["refresh_token"] == 2, "the refreshed tokens are not due")
        }
    }
}
