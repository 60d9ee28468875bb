import KeywayCore
import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// One PostgreSQL database for an ``SQLStore``, shared by every Keyway replica.
///
/// It keeps two connection pools: one for the store's reads and transactions, and a smaller one whose
/// connections only hold advisory locks (``withExclusiveLock(_:wait:_:)``) while the work under the lock
/// reads and writes through the first. A lock therefore never waits for a connection its own holder
/// needs, and the two pools can never deadlock each other.
///
/// Open it with ``open(url:maximumConnections:lockConnections:logger:)`` and close it with ``close()``.
public final class PostgresStoreDatabase: SQLStoreDatabase {
    /// Where it connects, without the password.
    public let url: PostgresURL
    let client: PostgresClient
    let lockClient: PostgresClient
    let runners: [Task<Void, Never>]
    let gate = OperationGate()
    let logger: Logger

    /// Wraps pools whose `run()` already runs in `runners`.
    init(url: PostgresURL, client: PostgresClient, lockClient: PostgresClient, runners: [Task<Void, Never>], logger: Logger) {
        self.url = url
        self.client = client
        self.lockClient = lockClient
        self.runners = runners
        self.logger = logger
    }

    /// PostgreSQL's spellings.
    public var dialect: SQLStoreDialect { .postgreSQL }

    /// Runs reads on a pooled connection, outside of any explicit transaction (each statement sees every
    /// write committed before it started).
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await gate.run {
            try await client.withConnection { connection in
                try await body(connection.sql(queryLogLevel: nil))
            }
        }
    }

    /// Runs `body` in `BEGIN` … `COMMIT` (read committed) on one pooled connection; rolls back when it throws.
    ///
    /// Concurrent writers are kept apart by row locks and by the `WHERE` clauses of the store's statements:
    /// a compare-and-set `UPDATE … WHERE version = $1` waits for a concurrent one on the same row and then
    /// finds the version changed.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await gate.run {
            try await client.withConnection { connection in
                try await Self.inTransaction(connection.sql(queryLogLevel: nil), logger: logger, body)
            }
        }
    }

    /// Runs `body` between `BEGIN` and `COMMIT` on `db`, rolling back when it throws.
    static func inTransaction<T: Sendable>(
        _ db: any SQLDatabase, logger: Logger, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await db.run("BEGIN")
        do {
            let result = try await body(db)
            try await db.run("COMMIT")
            return result
        } catch {
            do {
                try await db.run("ROLLBACK")
            } catch {
                // The connection is gone; the server rolled back when it noticed.
                logger.debug("rollback after a failed transaction did not run")
            }
            throw error
        }
    }

    /// Reads the SQLSTATE: 23505 is a unique violation, 23503 a foreign key violation. The description
    /// for anything else is the SQLSTATE and the server's primary message, never bound values.
    public func classify(_ error: any Error) -> SQLStoreFailure {
        guard let error = error as? PSQLError else { return .other(String(describing: type(of: error))) }
        switch error.serverInfo?[.sqlState] {
        case "23505": return .uniqueViolation
        case "23503": return .foreignKeyViolation
        case let state?: return .other("SQLSTATE \(state): \(error.serverInfo?[.message] ?? "")")
        case nil: return .other("PostgreSQL \(error.code)")
        }
    }

    /// Waits for the operations under way, then closes both pools.
    public func close() async throws {
        guard await gate.close() else { return }
        for runner in runners { runner.cancel() }
        for runner in runners { await runner.value }
    }
}
