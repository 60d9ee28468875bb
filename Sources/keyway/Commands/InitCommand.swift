import ArgumentParser
import Foundation
import Logging

/// `keyway init`: creates the data folder, master key, database and an admin API key.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the data folder, master key and an admin API key (printed once).")

    @Option(help: "The data folder (default: $KEYWAY_DATA_DIR or ~/.keyway).")
    var dataDir: String?

    @Option(help: "The database: an SQLite file (default: keyway.db in the data folder) or postgres://… for replicas.")
    var database: String?

    @Option(help: "The URL the CLI and SDK use to reach Keyway, written to the profile.")
    var url: String = "http://127.0.0.1:8080"

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    func run() async throws {
        var logger = Logger(label: "keyway")
        logger.logLevel = .warning
        let result = try await Initializer.initialize(
            try DataDirectory(dataDir, database: database), url: url, logger: logger)
        switch output {
        case .json:
            try JSONOutput.print(result)
        case .table:
            print("Initialized \(result.dataDir)")
            print("Admin API key (shown once, also saved in the profile): \(result.apiKey)")
            print("Start Keyway with: keyway serve --data-dir \(result.dataDir)")
        }
    }
}
