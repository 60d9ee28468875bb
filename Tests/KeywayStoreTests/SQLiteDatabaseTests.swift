import Foundation
import KeywayCore
import KeywayStore
import SQLKit
import Testing

@Suite("SQLiteStoreDatabase: WAL, read-only readers, transactions")
struct SQLiteDatabaseTests {
    @Test("the file is in WAL mode with foreign keys on")
    func pragmas() async throws {
        try await withFreshStore { store in
            let (mode, foreignKeys) = try await store.database.read { db in
                let mode = try await db.raw("PRAGMA journal_mode").first()?.decode(
                    column: "journal_mode", as: String.self)
                let keys = try await db.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self)
                return (mode, keys)
            }
            #expect(mode == "wal")
            #expect(foreignKeys == 1)
            let writerKeys = try await store.database.transaction { db in
                try await db.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self)
            }
            #expect(writerKeys == 1)
        }
    }

    @Test("reads run on read-only connections")
    func readOnlyReaders() async throws {
        try await withFreshStore { store in
            await #expect(throws: (any Error).self) {
                try await store.database.read { db in
                    try await db.raw("DELETE FROM api_keys").run()
                }
            }
        }
    }

    @Test("a transaction that throws leaves nothing behind")
    func rollback() async throws {
        struct Abort: Error {}
        try await withFreshStore { store in
            await #expect(throws: Abort.self) {
                try await store.database.transaction { db in
                    try await db.raw(
                        """
                        INSERT INTO api_keys (id, name, secret_hash, created_at)
                        VALUES ('key_1', 'one', \(bind: Data([1, 2, 3])), 0)
                        """
                    ).run()
                    throw Abort()
                }
            }
            #expect(try await store.apiKeys().isEmpty)
            // The writer is usable again afterwards.
            try await store.insertAPIKey(NewAPIKey.generate(name: "after", now: epoch).record)
            #expect(try await store.apiKeys().count == 1)
        }
    }

    @Test("reads go on, and see only committed rows, while a write transaction is open", .timeLimit(.minutes(1)))
    func readsDuringWrite() async throws {
        try await withFreshStore { store in
            let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
            let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
            let record = NewAPIKey.generate(name: "pending", now: epoch).record
            async let writer: Void = store.database.transaction { db in
                try await db.raw(
                    """
                    INSERT INTO api_keys (id, name, secret_hash, created_at)
                    VALUES (\(bind: record.id), \(bind: record.name), \(bind: record.secretHash), 0)
                    """
                ).run()
                startedContinuation.finish()
                for await _ in release {}
            }
            for await _ in started {}
            let during = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 { group.addTask { try await store.apiKeys().count } }
                return try await group.reduce(0, +)
            }
            #expect(during == 0)
            releaseContinuation.finish()
            try await writer
            #expect(try await store.apiKey(id: record.id)?.name == "pending")
        }
    }

    @Test("a file in a missing folder is storage_unavailable")
    func unavailable() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("missing/keyway.sqlite").path
            let error = await #expect(throws: KeywayError.self) {
                _ = try await SQLStore.openSQLite(path: path, masterKey: .generate(), logger: quietLogger)
            }
            #expect(error?.code == "storage_unavailable")
        }
    }
}
