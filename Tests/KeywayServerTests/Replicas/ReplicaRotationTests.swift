import Foundation
import KeywayCore
import KeywaySandbox
import KeywayStore
import KeywayTestSupport
import Logging
import SQLKit
import Testing

/// `keyway master-key rotate` while two replicas serve token reads and refreshes.
@Suite(
    "Replicas: master key rotation under load", .serialized,
    .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason))
struct ReplicaRotationTests {
    static let stored = 400
    static let logger = Logger(label: "keyway.tests.rotation", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("re-sealing 400 stored and 3 connected identities while two replicas serve: every identity opens after, nothing lost")
    func rotateUnderLoad() async throws {
        // Tokens of 4 s with a 3 s margin, capped at half their lifetime: every read of a connected identity
        // past its first 2 s refreshes.
        let options = SandboxOptions(tokenLifetime: .seconds(4))
        try await ReplicaSet.run(count: 2, sandbox: options, arguments: ["--refresh-margin", "3"]) { set in
            let connected = [
                try await set.connect(tags: ["tenantId": "a"], session: 0, connect: 1, callback: 0),
                try await set.connect(tags: ["tenantId": "b"], session: 1, connect: 0, callback: 1),
                try await set.connect(tags: ["tenantId": "c"], session: 0, connect: 0, callback: 1),
            ]
            let oldKey = try MasterKey(base64: set.masterKey)
            try await Self.insertStored(databaseURL: set.databaseURL, key: oldKey)

            // Rolling restart onto the new key, the old one still opening what it sealed.
            let newKey = MasterKey.generate()
            let started = StartedProcesses()
            defer { started.stopAll() }
            let (arguments, environment) = set.replicaConfiguration(
                masterKey: newKey.base64EncodedKey(), previousKeys: set.masterKey, arguments: ["--refresh-margin", "3"])
            var restarted: [KeywayProcess] = []
            for old in set.replicas {
                old.stop()
                let replica = try await KeywayProcess(
                    arguments: arguments, environment: environment, dataDirectory: set.dataDirectory)
                started.add(replica)
                restarted.append(replica)
            }
            let replicas = restarted

            // Load: token reads of connected (refreshing) and stored identities on both replicas.
            let failures = Locked<[String]>([])
            let reads = Locked(0)
            let stop = Locked(false)
            let load = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for worker in 0..<8 {
                        group.addTask {
                            var round = 0
                            while !stop.withLock({ $0 }) {
                                let id =
                                    worker % 2 == 0
                                    ? connected[round % 3] : "idn_stored_\((worker * 97 + round * 13) % Self.stored)"
                                let replica = replicas[(worker + round) % 2]
                                let answer = try await set.http.get(
                                    replica.url + "/v1/services/hubspot/identities/\(id)/token")
                                if answer.status != 200 { failures.withLock { $0.append("\(id): \(answer.body)") } }
                                reads.withLock { $0 += 1 }
                                round += 1
                                try await Task.sleep(for: .milliseconds(5))
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            try await Task.sleep(for: .seconds(1))
            let rotation = try await KeywayProcess.command(
                ["master-key", "rotate", "--database", set.databaseURL, "--data-dir", set.dataDirectory.path,
                 "--batch-size", "25", "--output", "table"],
                environment: environment)
            try await Task.sleep(for: .seconds(1))
            stop.withLock { $0 = true }
            try await load.value

            let grants = set.sandbox.stats().tokenRequests["refresh_token"] ?? 0
            let summary = rotation.output.trimmingCharacters(in: .whitespacesAndNewlines)
            print("rotation: \(summary); \(reads.value) token reads during it, \(grants) refresh grants")
            #expect(rotation.status == 0, "\(rotation.errors)")
            #expect(rotation.errors.contains("identities"), "progress is shown: \(rotation.errors)")
            #expect(!rotation.errors.contains(newKey.base64EncodedKey()) && !rotation.output.contains(newKey.base64EncodedKey()))
            #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(3) })")
            #expect(reads.withLock { $0 } > 50)
            #expect((set.sandbox.stats().tokenRequests["refresh_token"] ?? 0) > 0, "refreshes wrote during the rotation")

            // Every identity opens with the new key alone, and every blob names it.
            let store = try await SQLStore.openPostgreSQL(
                url: set.databaseURL, sealer: Sealer(current: newKey), logger: Self.logger)
            do {
                var all: [Identity] = []
                var cursor: String?
                repeat {
                    let page = try await store.identities(serviceId: "hubspot", matching: [:], limit: 500, after: cursor)
                    all += page.items
                    cursor = page.next
                } while cursor != nil
                #expect(all.count == Self.stored + connected.count)
                let stored = all.filter { $0.id.hasPrefix("idn_stored_") }
                #expect(stored.allSatisfy { $0.credentials.accessToken == "stored-token-\($0.id.dropFirst(11))" })
                let keyIds = try await store.database.read { db in
                    try await db.raw(
                        """
                        SELECT credentials_sealed AS blob FROM identities
                        UNION ALL SELECT client_secret_sealed FROM services UNION ALL SELECT value FROM meta
                        """
                    ).all()
                        .map { Sealer.keyId(ofSealed: try $0.decode(column: "blob", as: Data.self)) }
                }
                #expect(Set(keyIds) == [newKey.id])
                try await store.close()
            } catch {
                try? await store.close()
                throw error
            }

            // A replica started with the new key alone serves every connected identity.
            let (newOnly, newEnvironment) = set.replicaConfiguration(
                masterKey: newKey.base64EncodedKey(), arguments: ["--refresh-margin", "3"])
            let fresh = try await KeywayProcess(
                arguments: newOnly, environment: newEnvironment, dataDirectory: set.dataDirectory)
            started.add(fresh)
            for id in connected + ["idn_stored_0", "idn_stored_399"] {
                let answer = try await set.http.get(fresh.url + "/v1/services/hubspot/identities/\(id)/token")
                #expect(answer.status == 200, "\(id): \(answer.body)")
            }
        }
    }

    /// Stores identities directly with the old key: many rows for the rotation to walk in batches.
    static func insertStored(databaseURL: String, key: MasterKey) async throws {
        let store = try await SQLStore.openPostgreSQL(url: databaseURL, sealer: Sealer(current: key), logger: logger)
        do {
            let now = Date()
            for index in 0..<stored {
                try await store.insertIdentity(
                    Identity(
                        id: "idn_stored_\(index)", serviceId: "hubspot", tags: ["tenantId": "stored-\(index)"],
                        credentials: Credentials(
                            accessToken: "stored-token-\(index)", refreshToken: "stored-refresh-\(index)",
                            tokenType: "bearer", expiresAt: now.addingTimeInterval(86_400)),
                        createdAt: now, updatedAt: now))
            }
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }
}
