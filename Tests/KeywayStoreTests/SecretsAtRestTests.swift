import Foundation
import KeywayCore
import KeywayStore
import SQLKit
import Testing

@Suite("SQLStore secrets at rest")
struct SecretsAtRestTests {
    @Test("the database, -wal and -shm files never hold a client secret, token, state or code verifier in clear")
    func noPlaintextOnDisk() async throws {
        try await withTemporaryDirectory { directory in
            let secrets = [
                "client-secret-PLAINTEXT-7d1f", "access-token-PLAINTEXT-93ab", "refresh-token-PLAINTEXT-5c2e",
                "code-verifier-PLAINTEXT-a8e0", "oauth-state-PLAINTEXT-41bd",
            ]
            let visible = "client-id-VISIBLE-2f6a"
            func files() -> [URL] {
                ["", "-wal", "-shm"].map { URL(fileURLWithPath: databasePath(in: directory) + $0) }
            }
            func leaks() throws -> [String] {
                var found: [String] = []
                for file in files() where FileManager.default.fileExists(atPath: file.path) {
                    let bytes = try Data(contentsOf: file)
                    found += secrets.filter { bytes.range(of: Data($0.utf8)) != nil }
                }
                return found
            }
            func visibleOnDisk() throws -> Bool {
                try files().contains { file in
                    guard FileManager.default.fileExists(atPath: file.path) else { return false }
                    return try Data(contentsOf: file).range(of: Data(visible.utf8)) != nil
                }
            }

            try await withStore(in: directory, key: .generate()) { store in
                var service = makeService(secret: secrets[0])
                service.clientId = visible
                try await store.saveService(service)
                try await store.insertIdentity(
                    makeIdentity("idn_1", accessToken: secrets[1], refreshToken: secrets[2]))
                try await store.insertSession(makeSession(state: secrets[4], codeVerifier: secrets[3]))
                var refreshed = makeIdentity("idn_1", accessToken: secrets[1] + "-2", refreshToken: secrets[2] + "-2")
                refreshed.version = 2
                #expect(try await store.updateIdentity(refreshed, expectedVersion: 1))
                // Sanity: the scan does see what is stored in clear.
                #expect(try visibleOnDisk())
                #expect(try leaks().isEmpty)
            }
            #expect(try visibleOnDisk())
            #expect(try leaks().isEmpty)
        }
    }

    @Test("the database file is created with mode 0600")
    func privateFile() async throws {
        try await withTemporaryDirectory { directory in
            try await withStore(in: directory, key: .generate()) { store in
                try await store.saveService(makeService())
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: databasePath(in: directory))
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
    }

    @Test("a sealed blob copied to another row fails its integrity check", arguments: StoreBackend.allCases)
    func copiedBlobs(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService("hubspot", secret: "secret-one"))
            try await store.saveService(makeService("sfdc", secret: "secret-two"))
            try await store.insertIdentity(makeIdentity("idn_a", tags: ["tenantId": "a"], accessToken: "token-a"))
            try await store.insertIdentity(makeIdentity("idn_b", tags: ["tenantId": "b"], accessToken: "token-b"))
            let sessionA = makeSession("ses_a", codeVerifier: "verifier-a")
            let sessionB = makeSession("ses_b", codeVerifier: "verifier-b")
            try await store.insertSession(sessionA)
            try await store.insertSession(sessionB)

            try await store.database.transaction { db in
                try await db.raw(
                    """
                    UPDATE services SET client_secret_sealed =
                        (SELECT client_secret_sealed FROM services WHERE id = 'hubspot') WHERE id = 'sfdc'
                    """
                ).run()
                try await db.raw(
                    """
                    UPDATE identities SET credentials_sealed =
                        (SELECT credentials_sealed FROM identities WHERE id = 'idn_a') WHERE id = 'idn_b'
                    """
                ).run()
                try await db.raw(
                    """
                    UPDATE sessions SET code_verifier_sealed =
                        (SELECT code_verifier_sealed FROM sessions WHERE id = 'ses_a') WHERE id = 'ses_b'
                    """
                ).run()
            }

            let service = await #expect(throws: KeywayError.self) { _ = try await store.service(id: "sfdc") }
            #expect(service?.code == "integrity_failed")
            // An identity that fails its integrity check is listed with that status and no credentials.
            let identity = try #require(try await store.identity(serviceId: "hubspot", id: "idn_b"))
            #expect(identity.status == .integrityFailed)
            #expect(identity.credentials == Credentials(accessToken: ""))
            #expect(identity.statusReason?.contains("token-a") == false)
            let session = await #expect(throws: KeywayError.self) { _ = try await store.session(id: "ses_b") }
            #expect(session?.code == "integrity_failed")

            // The rows that own their blobs still open.
            #expect(try await store.service(id: "hubspot")?.clientSecret == "secret-one")
            #expect(try await store.identity(serviceId: "hubspot", id: "idn_a")?.credentials.accessToken == "token-a")
            #expect(try await store.session(id: "ses_a")?.codeVerifier == "verifier-a")
        }
    }

    @Test("reopening with another master key fails with master_key_mismatch; the right key still opens", arguments: StoreBackend.allCases)
    func wrongKey(_ backend: StoreBackend) async throws {
        try await withTestDatabase(backend) { database in
            let key = MasterKey.generate()
            try await database.withStore(key: key) { store in
                try await store.saveService(makeService(secret: "kept-secret"))
            }
            let error = await #expect(throws: KeywayError.self) {
                try await database.withStore(key: .generate()) { _ in }
            }
            #expect(error?.code == "master_key_mismatch")
            #expect(
                error?.message
                    == "The master key does not open this database's secrets; check KEYWAY_MASTER_KEY or the key file.")
            try await database.withStore(key: key) { store async throws in
                #expect(try await store.service(id: "hubspot")?.clientSecret == "kept-secret")
            }
        }
    }

    @Test("a sealer rotated to a new key, holding the old one, opens the store and its secrets", arguments: StoreBackend.allCases)
    func rotatedSealer(_ backend: StoreBackend) async throws {
        try await withTestDatabase(backend) { database in
            let old = MasterKey.generate()
            try await database.withStore(key: old) { store in
                try await store.saveService(makeService(secret: "old-secret"))
            }
            let new = MasterKey.generate()
            try await database.withStore(key: new, previousKeys: [old]) { store in
                #expect(try await store.service(id: "hubspot")?.clientSecret == "old-secret")
                var service = makeService(secret: "new-secret")
                service.updatedAt = epoch.addingTimeInterval(5)
                try await store.saveService(service)
                #expect(try await store.service(id: "hubspot") == service)
            }
        }
    }

    @Test("migrations run once: reopening keeps the data and the ledger", arguments: StoreBackend.allCases)
    func reopen(_ backend: StoreBackend) async throws {
        try await withTestDatabase(backend) { database in
            let key = MasterKey.generate()
            try await database.withStore(key: key) { store in
                try await store.saveService(makeService())
                try await store.insertIdentity(makeIdentity("idn_1"))
            }
            for _ in 0..<2 {
                try await database.withStore(key: key) { store in
                    #expect(try await store.countIdentities(serviceId: "hubspot") == 1)
                    let versions = try await store.database.read { db in
                        try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all()
                            .map { try $0.decode(column: "version", as: Int64.self) }
                    }
                    #expect(versions == SQLStore.migrationVersions)
                }
            }
        }
    }
}
