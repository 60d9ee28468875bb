import Foundation
import KeywayCore
import Logging
import SQLKit

/// The ``Store`` over SQL: SQLite for one server, PostgreSQL for several replicas.
///
/// Secrets (client secrets, session states and PKCE verifiers, credentials) are sealed by a ``Sealer``
/// before they reach SQL, each bound to its row; session states are also kept as SHA-256 hashes for
/// lookup. Open one with ``openSQLite(path:masterKey:logger:)``,
/// ``openPostgreSQL(url:sealer:maximumConnections:lockConnections:logger:)`` or ``open(database:sealer:logger:)``,
/// and ``close()`` it when done.
public final class SQLStore: Store {
    /// The connections the store runs on.
    public let database: any SQLStoreDatabase
    /// The sealer of every secret column.
    public let sealer: Sealer
    let logger: Logger

    /// Wraps an already migrated and key-checked database; see ``open(database:sealer:logger:)``.
    init(database: any SQLStoreDatabase, sealer: Sealer, logger: Logger) {
        self.database = database
        self.sealer = sealer
        self.logger = logger
    }

    /// The SQL spellings of the database's engine.
    var dialect: SQLStoreDialect { database.dialect }

    /// Closes the database once the operations under way are over. Later calls fail with `store_closed`.
    public func close() async throws {
        try await database.close()
    }
}
