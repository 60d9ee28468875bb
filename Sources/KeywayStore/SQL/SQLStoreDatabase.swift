import SQLKit

/// The connections an ``SQLStore`` runs its SQL on: one per database engine (SQLite now, PostgreSQL later).
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

    /// Closes every connection once the operations under way are over; later operations fail.
    func close() async throws
}
