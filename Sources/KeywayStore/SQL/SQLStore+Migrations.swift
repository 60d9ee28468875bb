import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    /// The schema version this build of Keyway expects.
    public static var schemaVersion: Int64 { SQLStoreMigration.all(for: .sqlite).last?.version ?? 0 }
    /// The versions of every migration, oldest first (parts of a session may leave gaps until they are merged).
    package static var migrationVersions: [Int64] { SQLStoreMigration.all(for: .sqlite).map(\.version) }

    /// Applies every migration not yet recorded in `schema_migrations`, each in its own transaction.
    ///
    /// Safe to run at every start and from several replicas at once: a migration re-checks the ledger
    /// inside its transaction (after the dialect's lock) and is skipped when already applied.
    ///
    /// - Throws: ``KeywayError`` `schema_too_new` when the database was migrated by a newer Keyway.
    func migrate() async throws {
        let migrations = SQLStoreMigration.all(for: dialect)
        let lock = dialect.migrationLock
        // Under the lock too: PostgreSQL's CREATE TABLE IF NOT EXISTS can fail when two sessions run it at once.
        try await transaction("creating the migrations ledger") { db in
            if let lock { try await db.run(SQLQueryString(lock)) }
            try await db.run(SQLQueryString(SQLStoreMigration.ledger))
        }
        let applied = try await read("reading the schema version") { db in
            try await Self.appliedVersions(db)
        }
        if let newest = applied.max(), let known = migrations.last?.version, newest > known {
            throw KeywayError(
                .internal, "schema_too_new",
                "The database has schema version \(newest), newer than this Keyway's \(known); upgrade Keyway.")
        }
        for migration in migrations where !applied.contains(migration.version) {
            let ran = try await transaction("applying migration \(migration.version)") { db in
                if let lock { try await db.run(SQLQueryString(lock)) }
                guard try await !Self.appliedVersions(db).contains(migration.version) else { return false }
                for statement in migration.statements {
                    try await db.run(SQLQueryString(statement))
                }
                try await db.run(
                    """
                    INSERT INTO schema_migrations (version, applied_at)
                    VALUES (\(bind: migration.version), \(bind: Date().millisecondsSince1970))
                    """)
                return true
            }
            if ran {
                logger.info(
                    "applied migration",
                    metadata: ["version": "\(migration.version)", "summary": "\(migration.summary)"])
            }
        }
    }

    private static func appliedVersions(_ db: any SQLDatabase) async throws -> Set<Int64> {
        Set(try await db.rows("SELECT version FROM schema_migrations").map { try $0.int64("version") })
    }
}
