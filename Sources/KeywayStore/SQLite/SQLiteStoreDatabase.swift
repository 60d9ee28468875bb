import KeywayCore
import Logging
import SQLKit
import SQLiteKit
import Synchronization

/// One SQLite file for an ``SQLStore``: a single writer connection whose transactions run one at a time
/// (`BEGIN IMMEDIATE` … `COMMIT` under an async lock), and a few read-only connections that, thanks to WAL,
/// read concurrently with each other and with the writer.
///
/// Open it with ``open(path:readers:logger:)`` (or ``SQLStore/openSQLite(path:masterKey:logger:)``) and
/// close it with ``close()``.
public final class SQLiteStoreDatabase: SQLStoreDatabase {
    /// The database file.
    public let path: String
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let nextReader = Atomic<Int>(0)
    private let writeLock = AsyncMutex()
    private let gate = OperationGate()
    private let logger: Logger

    /// Wraps connections already configured by ``open(path:readers:logger:)``.
    init(path: String, writer: SQLiteConnection, readers: [SQLiteConnection], logger: Logger) {
        self.path = path
        self.writer = writer
        self.readers = readers
        self.logger = logger
    }

    /// SQLite's spellings.
    public var dialect: SQLStoreDialect { .sqlite }

    /// Runs reads on the next read-only connection (on the writer, between transactions, when there are none).
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await gate.run {
            guard !readers.isEmpty else {
                return try await writeLock.withLock { try await body(writer.sql(queryLogLevel: nil)) }
            }
            let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count
            return try await body(readers[index].sql(queryLogLevel: nil))
        }
    }

    /// Runs `body` in `BEGIN IMMEDIATE` … `COMMIT` on the writer, one transaction at a time; rolls back
    /// when it throws.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await gate.run {
            try await writeLock.withLock {
                let db = writer.sql(queryLogLevel: nil)
                try await db.run("BEGIN IMMEDIATE")
                do {
                    let result = try await body(db)
                    try await db.run("COMMIT")
                    return result
                } catch {
                    do {
                        try await db.run("ROLLBACK")
                    } catch {
                        // A failed COMMIT may already have rolled back; nothing is left to undo then.
                        logger.debug("rollback after a failed transaction did not run", metadata: ["path": "\(path)"])
                    }
                    throw error
                }
            }
        }
    }

    /// Reads SQLite's extended result code; its message names tables and columns, never bound values.
    public func classify(_ error: any Error) -> SQLStoreFailure {
        guard let error = error as? SQLiteError else { return .other(String(describing: type(of: error))) }
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed: return .uniqueViolation
        case .constraintForeignKeyFailed: return .foreignKeyViolation
        default: return .other(error.description)
        }
    }

    /// Waits for the operations under way, then closes the readers and the writer (which checkpoints the WAL).
    public func close() async throws {
        guard await gate.close() else { return }
        var failure: (any Error)?
        for connection in readers + [writer] {
            do { try await connection.close() } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }
}
