import Foundation
import KeywayCore
import KeywayStore
import Logging
import SQLKit
import Testing

/// Migration 4: keys made before scopes existed become admin keys, and the new columns round-trip.
@Suite("SQLStore API key scopes migration")
struct APIKeyMigrationTests {
    @Test("a key stored at schema version 3 opens as an admin key, unlimited, never expiring", arguments: StoreBackend.allCases)
    func existingKeysBecomeAdmin(_ backend: StoreBackend) async throws {
        try await withTestDatabase(backend) { database in
            let old = NewAPIKey.generate(name: "before scopes", now: epoch).record
            let raw = try await database.openRaw()
            do {
                try await SQLStore.migrate(raw, through: 3)
                try await raw.transaction { db in
                    let columns = try await db.raw("SELECT * FROM api_keys").all()
                    #expect(columns.isEmpty)
                    try await db.raw(
                        """
                        INSERT INTO api_keys (id, name, secret_hash, created_at)
                        VALUES (\(bind: old.id), \(bind: old.name), \(bind: old.secretHash),
                                \(bind: old.createdAt.millisecondsSince1970))
                        """
                    ).run()
                }
                try await raw.close()
            } catch {
                try? await raw.close()
                throw error
            }
            try await database.withStore(key: .generate()) { store in
                let migrated = try #require(try await store.apiKey(id: old.id))
                #expect(migrated.scopes == .admin)
                #expect(migrated.limits == .unrestricted)
                #expect(migrated.expiresAt == nil)
                #expect(migrated.lastUsedAt == nil)
                #expect(migrated == old)
            }
        }
    }

    @Test("scopes, limits, expiry and last use round-trip", arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            let key = NewAPIKey.generate(
                name: "app", now: epoch, scopes: KeyScopes([.tokensRead, .identitiesWrite]),
                limits: KeyLimits(services: ["hubspot", "slack"], tags: ["tenantId": "contoso", "region": "eu"]),
                expiresAt: epoch.addingTimeInterval(86_400)
            ).record
            try await store.insertAPIKey(key)
            #expect(try await store.apiKey(id: key.id) == key)
            try await store.recordAPIKeyUse([key.id: epoch.addingTimeInterval(5), "key_absent": epoch])
            #expect(try await store.apiKey(id: key.id)?.lastUsedAt == epoch.addingTimeInterval(5))
            #expect(try await store.apiKeys().map(\.scopes) == [KeyScopes([.tokensRead, .identitiesWrite])])
        }
    }
}

extension TestDatabase {
    /// The database without a store over it, for tests that set it up as an older Keyway would have.
    func openRaw() async throws -> any SQLStoreDatabase {
        switch backend {
        case .sqlite: try await SQLiteStoreDatabase.open(path: location, logger: quietLogger)
        case .postgres: try await PostgresStoreDatabase.open(url: try PostgresURL(location), logger: quietLogger)
        }
    }
}
