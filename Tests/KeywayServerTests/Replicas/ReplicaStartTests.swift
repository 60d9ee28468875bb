import Foundation
import KeywayStore
import KeywayTestSupport
import Logging
import Testing

/// Replicas starting together on an empty PostgreSQL database.
@Suite(
    "Replicas: starting at once", .serialized,
    .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason))
struct ReplicaStartTests {
    @Test("three replicas started at once on an empty database migrate it once and create one admin key")
    func startTogether() async throws {
        try await PostgresTestDatabase.withDatabase { databaseURL in
            let key = MasterKey.generate()
            let started = StartedProcesses()
            defer { started.stopAll() }
            let replicas = try await withThrowingTaskGroup(of: KeywayProcess.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        let replica = try await KeywayProcess(
                            arguments: ["--database", databaseURL, "--refresh-interval", "3600"],
                            environment: ["KEYWAY_MASTER_KEY": key.base64EncodedKey()])
                        started.add(replica)
                        return replica
                    }
                }
                var replicas: [KeywayProcess] = []
                for try await replica in group { replicas.append(replica) }
                return replicas
            }
            let keys = replicas.map(\.apiKey).filter { !$0.isEmpty }
            #expect(keys.count == 1, "exactly one replica created the admin key and wrote its profile")
            let logger = Logger(label: "keyway.tests", factory: { _ in SwiftLogNoOpLogHandler() })
            let store = try await SQLStore.openPostgreSQL(url: databaseURL, sealer: Sealer(current: key), logger: logger)
            let stored = try await store.apiKeys().count
            try await store.close()
            #expect(stored == 1)
            // The key works on every replica.
            let http = HTTP(client: .shared, apiKey: keys.first)
            for replica in replicas {
                #expect(try await http.get(replica.url + "/v1/services").status == 200)
            }
        }
    }
}
