import KeywayCore
import Logging

extension SQLStore {
    /// Opens a store on a database: applies the pending migrations, checks that the sealer's keys open this
    /// database's secrets (writing the key check on a new database), then upgrades values still in sealed
    /// format 1 (``upgradeSealedFormat()``).
    ///
    /// On failure the database is closed before the error is thrown.
    ///
    /// - Throws: ``KeywayError`` `master_key_mismatch` when the database's secrets were sealed with another
    ///   key; `storage_failed` when a migration fails.
    public static func open(database: any SQLStoreDatabase, sealer: Sealer, logger: Logger) async throws -> SQLStore {
        let store = SQLStore(database: database, sealer: sealer, logger: logger)
        do {
            try await store.migrate()
            try await store.checkKey()
            try await store.upgradeSealedFormat()
        } catch {
            try? await database.close()
            throw error
        }
        return store
    }
}
