import Foundation
import KeywayCore
import KeywayStore
import KeywayTestSupport
import SQLKit
import Testing

/// The refresh lock: PostgreSQL keeps replicas apart with an advisory lock held on a connection of its own;
/// SQLite, used by one process, runs the work directly.
@Suite("SQLStore refresh lock")
struct RefreshLockTests {
    @Test("SQLite runs the work under the lock directly, free or not")
    func sqliteRunsDirectly() async throws {
        try await withFreshStore(.sqlite) { store in
            let waited = try await store.withRefreshLock(identityId: "idn_1") { 1 }
            let free = try await store.withRefreshLockIfFree(identityId: "idn_1") { 2 }
            #expect(waited == 1)
            #expect(free == 2)
        }
    }

    @Test("PostgreSQL: while one replica holds an identity's lock, another skips it or waits for it")
    func postgresExcludes() async throws {
        try await withTestDatabase(.postgres) { database in
            let key = MasterKey.generate()
            try await database.withStore(key: key) { first in
                try await database.withStore(key: key) { second in
                    let (held, heldContinuation) = AsyncStream.makeStream(of: Void.self)
                    let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
                    let events = Locked<[String]>([])
                    async let holder: Void = first.withRefreshLock(identityId: "idn_1") {
                        heldContinuation.finish()
                        for await _ in release {}
                        events.withLock { $0.append("first done") }
                    }
                    for await _ in held {}
                    // Another identity's lock is free; this one's is not.
                    let other = try await second.withRefreshLockIfFree(identityId: "idn_2") { true }
                    let same = try await second.withRefreshLockIfFree(identityId: "idn_1") { true }
                    #expect(other == true)
                    #expect(same == nil)
                    async let waiter: Void = second.withRefreshLock(identityId: "idn_1") {
                        events.withLock { $0.append("second ran") }
                    }
                    try await Task.sleep(for: .milliseconds(300))
                    #expect(events.value.isEmpty)
                    releaseContinuation.finish()
                    try await holder
                    try await waiter
                    #expect(events.value == ["first done", "second ran"])
                }
            }
        }
    }

    @Test("PostgreSQL: the lock dies with its holder's connection and a waiter takes over at once")
    func postgresReleasesOnConnectionDeath() async throws {
        try await withTestDatabase(.postgres) { database in
            let key = MasterKey.generate()
            try await database.withStore(key: key) { first in
                try await database.withStore(key: key) { second in
                    let (held, heldContinuation) = AsyncStream.makeStream(of: Void.self)
                    let (release, releaseContinuation) = AsyncStream.makeStream(of: Void.self)
                    let holder = Task {
                        try await first.withRefreshLock(identityId: "idn_crash") {
                            heldContinuation.finish()
                            for await _ in release {}
                            return "holder finished"
                        }
                    }
                    for await _ in held {}
                    // Kill the holder's backend, as the server does when the holder's process dies.
                    let killed = try await second.database.read { db in
                        try await db.raw(
                            """
                            SELECT pg_terminate_backend(pid) AS killed FROM pg_locks
                            WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
                              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                            """
                        ).all().count
                    }
                    #expect(killed == 1)
                    let started = ContinuousClock.now
                    let tookOver = try await second.withRefreshLock(identityId: "idn_crash") { true }
                    #expect(tookOver)
                    #expect(ContinuousClock.now - started < .seconds(5))
                    // The holder's work still ends: its lock went with the connection, there is nothing to commit.
                    releaseContinuation.finish()
                    #expect(try await holder.value == "holder finished")
                    // Its store goes on working: the pool replaces the dead connection.
                    let again = try await first.withRefreshLock(identityId: "idn_crash") { true }
                    #expect(again)
                }
            }
        }
    }

    @Test("PostgreSQL: replicas opening one empty database at once migrate it once")
    func concurrentMigrations() async throws {
        try await withTestDatabase(.postgres) { database in
            let key = MasterKey.generate()
            let stores = try await withThrowingTaskGroup(of: SQLStore.self) { group in
                for _ in 0..<6 { group.addTask { try await database.open(Sealer(current: key)) } }
                var stores: [SQLStore] = []
                for try await store in group { stores.append(store) }
                return stores
            }
            let versions = try await stores[0].database.read { db in
                try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all()
                    .map { try $0.decode(column: "version", as: Int64.self) }
            }
            #expect(versions == SQLStore.migrationVersions)
            for store in stores { try await store.close() }
        }
    }
}
