import KeywayCore
import Logging

extension SQLStore {
    /// Opens the SQLite store at `path` (created when missing), applies migrations and checks the master key.
    ///
    /// - Throws: ``KeywayError`` `storage_unavailable`, `master_key_mismatch` or `storage_failed`.
    public static func openSQLite(path: String, masterKey: MasterKey, logger: Logger) async throws -> SQLStore {
        try await openSQLite(path: path, sealer: Sealer(current: masterKey), logger: logger)
    }

    /// Opens the SQLite store at `path` with a sealer that may hold older keys, and a chosen number of
    /// read-only connections.
    public static func openSQLite(path: String, sealer: Sealer, readers: Int = 4, logger: Logger) async throws
        -> SQLStore
    {
        let database = try await SQLiteStoreDatabase.open(path: path, readers: readers, logger: logger)
        return try await open(database: database, sealer: sealer, logger: logger)
    }
}
