import Foundation
import KeywayCore
import KeywayStore
import Logging

/// The data folder: the SQLite database, the master key file and the profile.
struct DataDirectory {
    let url: URL

    /// `--data-dir`, else `KEYWAY_DATA_DIR`, else `~/.keyway` (`$HOME` first, as shells expand `~`).
    init(_ path: String?) {
        let environment = ProcessInfo.processInfo.environment
        if let path = path ?? environment["KEYWAY_DATA_DIR"], !path.isEmpty {
            url = URL(fileURLWithPath: Self.expandingTilde(path, environment: environment), isDirectory: true)
        } else {
            url = Self.home(environment).appendingPathComponent(".keyway", isDirectory: true)
        }
    }

    /// `$HOME`, else the user's home folder from the system (which Foundation on Linux prefers to `$HOME`).
    private static func home(_ environment: [String: String]) -> URL {
        if let home = environment["HOME"], !home.isEmpty { return URL(fileURLWithPath: home, isDirectory: true) }
        return FileManager.default.homeDirectoryForCurrentUser
    }

    private static func expandingTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return (path as NSString).expandingTildeInPath }
        return home(environment).path + path.dropFirst()
    }

    var databaseURL: URL { url.appendingPathComponent("keyway.db") }
    var masterKeyURL: URL { url.appendingPathComponent("master.key") }
    var profileURL: URL { url.appendingPathComponent("profile.json") }

    /// Whether `keyway init` has run here.
    var isInitialized: Bool { FileManager.default.fileExists(atPath: databaseURL.path) }

    /// Creates the folder, readable by its owner only.
    func create() throws {
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// The master key: `KEYWAY_MASTER_KEY`, else the key file.
    func masterKey() throws -> MasterKey {
        try MasterKey.load(environment: ProcessInfo.processInfo.environment, keyFile: masterKeyURL)
    }

    /// Opens the store with the master key.
    func openStore(logger: Logger) async throws -> SQLStore {
        try await SQLStore.openSQLite(path: databaseURL.path, masterKey: try masterKey(), logger: logger)
    }
}
