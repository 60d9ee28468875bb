import Foundation
import KeywayCore
import KeywayStore
import Logging

/// The data folder (master key file, previous keys, profile, and the SQLite database unless `--database`
/// names another) and the database it opens.
struct DataDirectory {
    /// Where the store lives.
    enum Database: CustomStringConvertible {
        /// An SQLite file.
        case sqlite(path: String)
        /// A PostgreSQL database shared by replicas.
        case postgres(PostgresURL, text: String)

        /// The file path, or the address without its password.
        var description: String {
            switch self {
            case .sqlite(let path): path
            case .postgres(let url, _): url.description
            }
        }
    }

    let url: URL
    let database: Database

    /// `--data-dir`, else `KEYWAY_DATA_DIR`, else `~/.keyway` (`$HOME` first, as shells expand `~`); `--database`, else `KEYWAY_DATABASE`, else
    /// `keyway.db` in the data folder. A database value starting with `postgres://` or `postgresql://` is
    /// PostgreSQL; anything else is an SQLite path.
    ///
    /// - Throws: ``KeywayError`` `invalid_database_url` for a PostgreSQL address that does not parse.
    init(_ path: String?, database: String? = nil) throws {
        let environment = ProcessInfo.processInfo.environment
        if let path = path ?? environment["KEYWAY_DATA_DIR"], !path.isEmpty {
            url = URL(fileURLWithPath: Self.expandingTilde(path, environment: environment), isDirectory: true)
        } else {
            url = Self.home(environment).appendingPathComponent(".keyway", isDirectory: true)
        }
        let chosen = database ?? environment["KEYWAY_DATABASE"].flatMap { $0.isEmpty ? nil : $0 }
        if let chosen, PostgresURL.isPostgres(chosen) {
            self.database = .postgres(try PostgresURL(chosen), text: chosen)
        } else if let chosen {
            self.database = .sqlite(path: URL(fileURLWithPath: (chosen as NSString).expandingTildeInPath).path)
        } else {
            self.database = .sqlite(path: url.appendingPathComponent("keyway.db").path)
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

    var masterKeyURL: URL { url.appendingPathComponent(MasterKey.defaultFileName) }
    var previousKeysURL: URL { url.appendingPathComponent(Sealer.previousKeysFileName) }
    var profileURL: URL { url.appendingPathComponent("profile.json") }

    /// Whether the SQLite file exists (`keyway init` or a first `serve` made it). Always false for PostgreSQL,
    /// which ``Initializer`` asks the database about instead.
    var hasSQLiteFile: Bool {
        guard case .sqlite(let path) = database else { return false }
        return FileManager.default.fileExists(atPath: path)
    }

    /// Creates the folder, readable by its owner only.
    func create() throws {
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// The sealer: `KEYWAY_MASTER_KEY` (else the key file) seals; `KEYWAY_PREVIOUS_MASTER_KEYS` and the
    /// previous keys file add keys that still open what they sealed, during a rotation.
    func sealer() throws -> Sealer {
        try Sealer.load(
            environment: ProcessInfo.processInfo.environment, keyFile: masterKeyURL, previousKeysFile: previousKeysURL)
    }

    /// Opens the store with the sealer.
    func openStore(logger: Logger) async throws -> SQLStore {
        switch database {
        case .sqlite(let path):
            return try await SQLStore.openSQLite(path: path, sealer: try sealer(), logger: logger)
        case .postgres(_, let text):
            return try await SQLStore.openPostgreSQL(url: text, sealer: try sealer(), logger: logger)
        }
    }
}
