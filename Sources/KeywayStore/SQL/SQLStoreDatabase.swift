import SQLKit

/// The connections an ``SQLStore`` runs its SQL on: one per database engine (``SQLiteStoreDatabase`` for
/// one server, ``PostgresStoreDatabase`` for several replicas).
///
/// An implementation decides how reads and transactions reach the database. Every transaction runs
/// on one connection and either commits as a whole or rolls back.
public protocol SQLStoreDatabase: Sendable {
    /// The SQL spellings that differ between engines.
    var dialect: SQLStoreDialect { get }

    /// Runs reads, outside of any transaction, on a connection that sees every committed write.
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` in one transaction that commits when it returns and rolls back when it throws.
    ///
    /// Transactions that write must not interleave with each other in a way that loses a write: SQLite
    /// serializes them; PostgreSQL relies on row locks and the `WHERE` clauses of the store's statements.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T

    /// Tells what kind of failure a database error is, without repeating anything the query bound.
    func classify(_ error: any Error) -> SQLStoreFailure

    /// Runs `body` while holding a lock named `key` that every process using this database respects, so
    /// that of all of them only one runs work under that key at a time.
    ///
    /// The lock has no lifetime after which another holder could take it while `body` still runs; it is
    /// released when `body` returns or throws, or when the holding process dies. The default runs `body`
    /// directly: right for a database only one process uses, whose callers already serialise in memory.
    ///
    /// - Parameter wait: true to wait for the lock; false to return nil at once when another holds it.
    func withExclusiveLock<T: Sendable>(_ key: String, wait: Bool, _ body: @Sendable () async throws -> T)
        async throws -> T?

    /// Closes every connection once the operations under way are over; later operations fail.
    func close() async throws
}

extension SQLStoreDatabase {
    /// Runs `body` directly: one process uses the database, and it serialises its own work.
    public func withExclusiveLock<T: Sendable>(_ key: String, wait: Bool, _ body: @Sendable () async throws -> T)
        async throws -> T?
    {
        try await body()
    }
}
