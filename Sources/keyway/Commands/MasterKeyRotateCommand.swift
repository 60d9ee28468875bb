import ArgumentParser
import Foundation
import KeywayCore
import KeywayStore
import Logging

/// `keyway master-key rotate`: re-seals every secret under the current master key, working on the database
/// directly while Keyway serves.
struct MasterKeyRotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Re-seal every secret under the new master key while Keyway serves.",
        discussion: """
            The new key is the current one (KEYWAY_MASTER_KEY or the key file); the old ones come from \
            KEYWAY_PREVIOUS_MASTER_KEYS or previous-master.keys in the data folder. Every running Keyway must \
            already use the same keys, so that it reads both and writes with the new one. Rows are re-sealed in \
            batches with compare-and-set, so concurrent refreshes are never lost; the key check moves last.
            """)

    @Option(help: "The data folder holding the key files (default: $KEYWAY_DATA_DIR or ~/.keyway).")
    var dataDir: String?

    @Option(
        help: ArgumentHelp(
            "The database: an SQLite file, or postgres://….",
            discussion: "Default: $KEYWAY_DATABASE, else keyway.db in the data folder."))
    var database: String?

    @Option(help: "Rows re-sealed per transaction.")
    var batchSize: Int = 200

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func validate() throws {
        guard (1...1000).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 1000.") }
    }

    func run() async throws {
        var logger = Logger(label: "keyway")
        logger.logLevel = .warning
        let directory = try DataDirectory(dataDir, database: database)
        let sealer = try directory.sealer()
        Console.error(
            "Re-sealing \(directory.database) under key \(sealer.currentKey.id)"
                + (sealer.previousKeyIds.isEmpty ? "" : "; older keys: \(sealer.previousKeyIds.joined(separator: ", "))"))
        let store = try await directory.openStore(logger: logger)
        let report: ResealReport
        do {
            let display = ProgressDisplay(enabled: output == .table)
            report = try await store.resealAll(batchSize: batchSize) { display.show($0) }
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
        switch output {
        case .json:
            try JSONOutput.print(report)
        case .table:
            Console.line(
                "Done: \(report.resealed) sealed values moved to key \(report.keyId), \(report.alreadyCurrent) were already under it, "
                    + "\(report.raced) changed meanwhile and were looked at again; \(report.sweeps) sweep(s).")
            if !sealer.previousKeyIds.isEmpty {
                Console.line(
                    "Every secret now opens with key \(report.keyId) alone: remove the older keys "
                        + "(KEYWAY_PREVIOUS_MASTER_KEYS, previous-master.keys) and restart each Keyway.")
            }
        }
    }
}
