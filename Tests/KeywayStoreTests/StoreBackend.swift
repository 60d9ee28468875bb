import Foundation
import KeywayCore
import KeywayStore
import KeywayTestSupport
import Testing

/// The engines the store suites run against: every store test that is not about one engine's files or
/// connections takes one of these as its argument.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// One empty database of a backend, which a test may open several times (to reopen, or with other keys).
struct TestDatabase: Sendable {
    let backend: StoreBackend
    /// The SQLite file path or the PostgreSQL address.
    let location: String

    /// Opens the store, runs `body` and closes the store, even when `body` throws.
    @discardableResult
    func withStore<T>(key: MasterKey, previousKeys: [MasterKey] = [], _ body: (SQLStore) async throws -> T)
        async throws -> T
    {
        let store = try await open(Sealer(current: key, previous: previousKeys))
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// Opens the store; the caller closes it.
    func open(_ sealer: Sealer) async throws -> SQLStore {
        switch backend {
        case .sqlite: try await SQLStore.openSQLite(path: location, sealer: sealer, logger: quietLogger)
        case .postgres: try await SQLStore.openPostgreSQL(url: location, sealer: sealer, logger: quietLogger)
        }
    }
}

/// Runs `body` with a new empty database of `backend`, removed afterwards. PostgreSQL cases cancel
/// themselves, saying why, when `KEYWAY_TEST_POSTGRES_URL` is not set.
@discardableResult
func withTestDatabase<T>(_ backend: StoreBackend, _ body: (TestDatabase) async throws -> T) async throws -> T {
    switch backend {
    case .sqlite:
        try await withTemporaryDirectory { directory in
            try await body(TestDatabase(backend: .sqlite, location: databasePath(in: directory)))
        }
    case .postgres:
        try await PostgresTestDatabase.withDatabase { url in
            try await body(TestDatabase(backend: .postgres, location: url))
        }
    }
}

/// Opens a store on a new database of `backend` with a new key.
@discardableResult
func withFreshStore<T>(_ backend: StoreBackend, _ body: (SQLStore) async throws -> T) async throws -> T {
    try await withTestDatabase(backend) { database in
        try await database.withStore(key: .generate(), body)
    }
}
