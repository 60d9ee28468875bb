import KeywayCore
import Logging

extension SQLStore {
    /// Opens the store on a PostgreSQL database: applies migrations (safe when several replicas start at
    /// once) and checks the master key.
    ///
    /// - Parameters:
    ///   - url: a `postgres://…` address.
    ///   - sealer: the current master key and any older ones still being rotated out.
    ///   - maximumConnections: the most connections for the store's reads and writes.
    ///   - lockConnections: the most refresh locks held at once.
    /// - Throws: ``KeywayError`` `invalid_database_url`, `storage_unavailable`, `master_key_mismatch` or
    ///   `storage_failed`.
    public static func openPostgreSQL(
        url: String, sealer: Sealer, maximumConnections: Int = 16, lockConnections: Int = 8, logger: Logger
    ) async throws -> SQLStore {
        let database = try await PostgresStoreDatabase.open(
            url: try PostgresURL(url), maximumConnections: maximumConnections, lockConnections: lockConnections,
            logger: logger)
        return try await open(database: database, sealer: sealer, logger: logger)
    }
}
