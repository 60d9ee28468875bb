import Foundation
import KeywayCore
import KeywayStore
import Logging

/// Creates a data folder: master key file, database, admin API key and profile.
enum Initializer {
    /// What initialisation made; the API key is shown once.
    struct Result: Encodable {
        let apiKey: String
        let url: String
        let dataDir: String
    }

    /// `keyway init`: refuses a folder already initialized (its SQLite file or, with PostgreSQL, its profile
    /// exists); creates the folder, a master key file unless `KEYWAY_MASTER_KEY` is set, the database
    /// schema, an admin API key and the profile.
    static func initialize(_ directory: DataDirectory, url: String, logger: Logger) async throws -> Result {
        let initialized: Bool =
            switch directory.database {
            case .sqlite: directory.hasSQLiteFile
            case .postgres: FileManager.default.fileExists(atPath: directory.profileURL.path)
            }
        guard !initialized else {
            throw CLIError("\(directory.url.path) is already initialized; use it with 'keyway serve --data-dir'.")
        }
        try prepare(directory)
        let store = try await directory.openStore(logger: logger)
        do {
            let result = try await createAdmin(in: store, directory: directory, url: url)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Creates the folder and, unless `KEYWAY_MASTER_KEY` is set or the file exists, a master key file.
    static func prepare(_ directory: DataDirectory) throws {
        try directory.create()
        let environment = ProcessInfo.processInfo.environment
        if environment[MasterKey.environmentVariable] == nil,
            !FileManager.default.fileExists(atPath: directory.masterKeyURL.path)
        {
            try MasterKey.generate().write(to: directory.masterKeyURL)
        }
    }

    /// Stores a new admin API key and writes the profile.
    static func createAdmin(in store: SQLStore, directory: DataDirectory, url: String) async throws -> Result {
        let key = NewAPIKey.generate(name: "admin")
        try await store.insertAPIKey(key.record)
        try Profile(url: url, apiKey: key.key).write(to: directory.profileURL)
        return Result(apiKey: key.key, url: url, dataDir: directory.url.path)
    }
}
