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

    static func initialize(_ directory: DataDirectory, url: String, logger: Logger) async throws -> Result {
        guard !directory.isInitialized else {
            throw CLIError("\(directory.url.path) is already initialized; use it with 'keyway serve --data-dir'.")
        }
        try directory.create()
        let environment = ProcessInfo.processInfo.environment
        if environment["KEYWAY_MASTER_KEY"] == nil, !FileManager.default.fileExists(atPath: directory.masterKeyURL.path) {
            try MasterKey.generate().write(to: directory.masterKeyURL)
        }
        let store = try await directory.openStore(logger: logger)
        let key = NewAPIKey.generate(name: "admin")
        do {
            try await store.insertAPIKey(key.record)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        try Profile(url: url, apiKey: key.key).write(to: directory.profileURL)
        return Result(apiKey: key.key, url: url, dataDir: directory.url.path)
    }
}
