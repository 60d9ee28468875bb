import KeywayStore
import SQLKit

extension SQLStore {
    /// How many PostgreSQL advisory locks (refresh locks) are held on this store's database right now, by any
    /// connection. Only meaningful on PostgreSQL.
    public func heldAdvisoryLocks() async throws -> Int {
        try await database.read { db in
            try await db.raw(
                """
                SELECT pid FROM pg_locks
                WHERE locktype = 'advisory' AND granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """
            ).all().count
        }
    }
}
