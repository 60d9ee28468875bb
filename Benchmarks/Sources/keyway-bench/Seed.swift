import Foundation
import KeywayCore
import KeywayStore
import Logging

/// `keyway-bench --seed COUNT --data-dir DIR [--database URL]`: stores COUNT identities of the `hubspot` service
/// into the data folder's database (or the PostgreSQL one named), through the store's own code in batches,
/// sealed with the folder's master key (or `KEYWAY_MASTER_KEY`), as a `keyway serve` there would.
///
/// Identity n (0-based) is `idn_seed_n`, tagged `tenantId=t<n>`, `userId=u<n % 1000>`, `plan=free|pro|team`.
/// Its token expires in a day, except for the last 1%, due within a minute: the work of a refresh-ahead pass.
/// Then prints the seeding rate and how long the store takes to find the due identities.
enum Seed {
    static let batch = 5_000

    static func run(count: Int, dataDirectory: String, database: String?) async throws {
        var logger = Logger(label: "keyway-bench.seed")
        logger.logLevel = .warning
        let folder = URL(fileURLWithPath: dataDirectory)
        let sealer = try Sealer.load(
            environment: ProcessInfo.processInfo.environment,
            keyFile: folder.appendingPathComponent(MasterKey.defaultFileName),
            previousKeysFile: folder.appendingPathComponent(Sealer.previousKeysFileName))
        let store =
            if let database {
                try await SQLStore.openPostgreSQL(url: database, sealer: sealer, logger: logger)
            } else {
                try await SQLStore.openSQLite(
                    path: folder.appendingPathComponent("keyway.db").path, sealer: sealer, logger: logger)
            }
        do {
            let now = Date()
            let due = count - count / 100
            let started = ContinuousClock.now
            var next = 0
            while next < count {
                let identities = (next..<min(next + batch, count)).map { n in
                    Identity(
                        id: "idn_seed_\(n)", serviceId: "hubspot",
                        tags: ["tenantId": "t\(n)", "userId": "u\(n % 1000)", "plan": ["free", "pro", "team"][n % 3]],
                        credentials: Credentials(
                            accessToken: "seed-access-token-\(n)-0123456789abcdefghijklmnopqrstuvwxyz",
                            refreshToken: "seed-refresh-token-\(n)", tokenType: "bearer",
                            expiresAt: now.addingTimeInterval(n >= due ? 60 : 86_400),
                            native: ["expires_in": .number(n >= due ? 60 : 86_400), "token_type": .string("bearer")]),
                        createdAt: now, updatedAt: now)
                }
                try await store.insertIdentities(identities)
                next += identities.count
            }
            let seconds = Self.seconds(ContinuousClock.now - started)
            print(String(format: "seeded %d identities in %.1f s (%.0f per second)", count, seconds, Double(count) / seconds))

            // What a refresh-ahead pass asks the store for (due within the 300 s margin, or idle 14 days): one
            // pass's worth (100, the default) and every due identity.
            for limit in [100, count / 100] {
                let findStart = ContinuousClock.now
                let found = try await store.identitiesDueForRefresh(
                    expiringBefore: now.addingTimeInterval(300), orIdleSince: now.addingTimeInterval(-14 * 86_400),
                    limit: max(1, limit))
                print(
                    String(
                        format: "refresh-ahead: finding %d due identities took %.1f ms", found.count,
                        Self.seconds(ContinuousClock.now - findStart) * 1000))
            }
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
