import Foundation
import KeywayCore
import Logging
import SQLKit
import SQLiteKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension SQLiteStoreDatabase {
    /// How long a connection waits for a lock held by another process before failing, in milliseconds.
    static let busyTimeoutMilliseconds = 5000

    /// Opens (creating it, mode 0600, when missing) a SQLite file in WAL mode with foreign keys on.
    ///
    /// - Parameters:
    ///   - path: the database file; its folder must exist.
    ///   - readers: how many read-only connections to keep, 1 or more (0 reads through the writer).
    ///   - logger: where to log.
    /// - Throws: ``KeywayError`` `storage_unavailable` when the file cannot be opened or configured.
    public static func open(path: String, readers readerCount: Int = 4, logger: Logger) async throws
        -> SQLiteStoreDatabase
    {
        createPrivateFile(path)
        var opened: [SQLiteConnection] = []
        do {
            let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            opened.append(writer)
            let db = writer.sql(queryLogLevel: nil)
            let mode = try await db.firstRow("PRAGMA journal_mode = WAL")?.string("journal_mode")
            if mode?.lowercased() != "wal" {
                logger.warning("SQLite did not switch to WAL", metadata: ["path": "\(path)", "mode": "\(mode ?? "?")"])
            }
            try await db.run("PRAGMA synchronous = FULL")
            try await configure(db)
            var readers: [SQLiteConnection] = []
            for _ in 0..<max(0, readerCount) {
                let reader = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                opened.append(reader)
                let readerDB = reader.sql(queryLogLevel: nil)
                try await configure(readerDB)
                try await readerDB.run("PRAGMA query_only = ON")
                readers.append(reader)
            }
            return SQLiteStoreDatabase(path: path, writer: writer, readers: readers, logger: logger)
        } catch {
            for connection in opened { try? await connection.close() }
            let reason = (error as? SQLiteError)?.description ?? String(describing: type(of: error))
            throw KeywayError(
                .internal, "storage_unavailable", "The SQLite database at \(path) cannot be opened (\(reason)).")
        }
    }

    /// Settings every connection needs.
    private static func configure(_ db: any SQLDatabase) async throws {
        try await db.run("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))")
        try await db.run("PRAGMA foreign_keys = ON")
    }

    /// Creates the file with mode 0600 when it does not exist, so that SQLite (which gives its -wal and -shm
    /// files the database's mode) keeps everything private to the owner.
    private static func createPrivateFile(_ path: String) {
        guard path != ":memory:", !path.isEmpty, !path.hasPrefix("file:") else { return }
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
    }
}
