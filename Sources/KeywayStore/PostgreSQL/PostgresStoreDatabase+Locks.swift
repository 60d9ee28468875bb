import KeywayCore
import PostgresKit
import PostgresNIO
import SQLKit

extension PostgresStoreDatabase {
    /// The first key of every lock this store takes with two keys, so that Keyway's locks stay apart from
    /// any another application takes on the same database (the migration lock uses the one-key space).
    static let lockNamespace: Int32 = 0x4B_57_59_31  // "KWY1"

    /// Runs `body` while holding PostgreSQL's transaction-scoped advisory lock on
    /// `(lockNamespace, hashtext(key))`, taken in a transaction on a dedicated connection.
    ///
    /// The lock has no lifetime: it is held until `body` returns, however long it takes, and released when
    /// the transaction ends, or at once by the server when the connection dies with its process. Work
    /// inside `body` uses the store's other connections; the lock connection runs nothing else.
    ///
    /// - Parameter wait: true to queue for the lock; false to return nil at once when another session
    ///   holds it.
    /// - Returns: what `body` returned, or nil when `wait` is false and the lock was taken.
    public func withExclusiveLock<T: Sendable>(
        _ key: String, wait: Bool, _ body: @Sendable () async throws -> T
    ) async throws -> T? {
        try await gate.run {
            try await lockClient.withConnection { connection in
                let db = connection.sql(queryLogLevel: nil)
                try await db.run("BEGIN")
                do {
                    // The transaction idles while the provider answers: a server-wide idle timeout must not end it
                    // (and the lock) under a refresh. A waiter gives up after a minute rather than queue forever
                    // behind a holder that hangs without losing its connection.
                    try await db.run("SET LOCAL idle_in_transaction_session_timeout = 0")
                    try await db.run("SET LOCAL lock_timeout = '60s'")
                    if wait {
                        try await db.run(
                            "SELECT pg_advisory_xact_lock(\(bind: Self.lockNamespace), hashtext(\(bind: key)))")
                    } else {
                        let row = try await db.firstRow(
                            """
                            SELECT pg_try_advisory_xact_lock(\(bind: Self.lockNamespace), hashtext(\(bind: key)))
                                AS locked
                            """)
                        guard try row?.decode(column: "locked", as: Bool.self) == true else {
                            try await end(connection, db, "ROLLBACK")
                            return nil
                        }
                    }
                    let result = try await body()
                    try await end(connection, db, "COMMIT")
                    return result
                } catch {
                    try? await end(connection, db, "ROLLBACK")
                    throw error
                }
            }
        }
    }

    /// How long ending a lock's transaction may take before the connection is given up as dead.
    static let endTimeout: Duration = .seconds(10)

    /// Ends the lock's transaction, which releases the lock. On a connection that has closed (the server
    /// restarted, or ended the session) the server already ended it, and with it the lock: the work done
    /// under it stands, its writes having been compare-and-set.
    private func end(_ connection: PostgresConnection, _ db: any SQLDatabase, _ statement: SQLQueryString)
        async throws
    {
        guard !connection.isClosed else {
            logger.warning("a lock's connection closed while the lock was held; the server released the lock")
            return
        }
        try await withDeadline(Self.endTimeout, "ending a lock") { try await db.run(statement) }
    }
}
