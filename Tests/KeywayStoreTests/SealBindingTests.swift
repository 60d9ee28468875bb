import Crypto
import Foundation
import KeywayCore
import KeywayStore
import SQLKit
import Testing

@Suite("SealBinding: the canonical encoding of a row's steering fields")
struct SealBindingEncodingTests {
    @Test("absent and empty differ, map order does not matter, values cannot spill into the next field")
    func canonical() {
        func text(_ pairs: [(String, String?)]) -> String {
            var binding = SealBinding()
            for (name, value) in pairs { binding.add(name, value) }
            return binding.digest
        }
        #expect(text([("token_url", nil)]) != text([("token_url", "")]))
        #expect(text([("a", "bc"), ("d", "e")]) != text([("a", "b"), ("cd", "e")]))
        #expect(text([("a", "b")]) == text([("a", "b")]))
        var first = SealBinding()
        first.add("metadata", ["instance_url": "https://a.my.salesforce.com", "id": "x"])
        var second = SealBinding()
        second.add("metadata", ["id": "x", "instance_url": "https://a.my.salesforce.com"])
        #expect(first == second)
        var list = SealBinding()
        list.add("metadata", ["id", "x", "instance_url", "https://a.my.salesforce.com"])
        #expect(list != first)
    }

    @Test("a blob opens only with the binding it was sealed with")
    func sealerBinding() throws {
        let sealer = Sealer(current: .generate())
        var binding = SealBinding()
        binding.add("token_url", "https://auth.example.com/token")
        let sealed = try sealer.seal(Data("secret".utf8), table: "services", row: "s", column: "client_secret", binding: binding)
        #expect(try sealer.open(sealed, table: "services", row: "s", column: "client_secret", binding: binding) == Data("secret".utf8))
        var other = SealBinding()
        other.add("token_url", "http://127.0.0.1:9/steal")
        let error = #expect(throws: KeywayError.self) {
            try sealer.open(sealed, table: "services", row: "s", column: "client_secret", binding: other)
        }
        #expect(error?.code == "unsealing_failed")
    }
}

@Suite("SQLStore: stored fields that steer secrets are bound to them")
struct SealBindingStoreTests {
    /// Runs one raw statement.
    static func run(_ store: SQLStore, _ sql: String) async throws {
        try await store.database.transaction { db in try await db.raw(SQLQueryString(sql)).run() }
    }

    @Test(
        "a service whose URL, provider or client settings were changed in the database fails closed; restored, it opens",
        arguments: StoreBackend.allCases)
    func serviceFieldsBound(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService("hubspot"))
            try await store.saveService(makeService("other"))
            let changes: [(column: String, tampered: String, original: String)] = [
                ("token_url", "'http://127.0.0.1:9/steal'", "'https://auth.example.com/token'"),
                ("api_base_url", "'http://127.0.0.1:9'", "'https://api.example.com'"),
                ("authorization_url", "NULL", "'https://auth.example.com/authorize'"),
                ("provider", "'salesforce'", "'hubspot'"),
                ("client_id", "'client-other'", "'client-hubspot'"),
                ("token_auth_method", "'client_secret_post'", "'client_secret_basic'"),
                ("pkce", "0", "1"),
                ("authorization_params", "'{\"redirect_uri\":\"http://127.0.0.1:9\"}'", "'{\"optional_scope\":\"content\"}'"),
            ]
            for change in changes {
                try await Self.run(store, "UPDATE services SET \(change.column) = \(change.tampered) WHERE id = 'hubspot'")
                let error = await #expect(throws: KeywayError.self, "\(change.column)") {
                    _ = try await store.service(id: "hubspot")
                }
                #expect(error?.code == "integrity_failed")
                #expect(error?.message.contains("client-secret-value") == false)
                // The list leaves the altered service out and keeps the others.
                #expect(try await store.services().map(\.id) == ["other"])
                try await Self.run(store, "UPDATE services SET \(change.column) = \(change.original) WHERE id = 'hubspot'")
                #expect(try await store.service(id: "hubspot")?.clientSecret == "client-secret-value")
            }
        }
    }

    @Test(
        "an identity whose metadata or service was changed in the database comes back integrity_failed, without credentials, and cannot be written back",
        arguments: StoreBackend.allCases)
    func identityFieldsBound(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService("hubspot"))
            try await store.saveService(makeService("other"))
            var identity = makeIdentity("idn_1")
            identity.metadata = ["instance_url": "https://acme.my.salesforce.com"]
            try await store.insertIdentity(identity)
            try await store.insertIdentity(makeIdentity("idn_2", tags: ["tenantId": "b"]))

            try await Self.run(
                store, #"UPDATE identities SET metadata = '{"instance_url":"http://127.0.0.1:9"}' WHERE id = 'idn_1'"#)
            let altered = try #require(try await store.identity(serviceId: "hubspot", id: "idn_1"))
            #expect(altered.status == .integrityFailed)
            #expect(altered.credentials.accessToken.isEmpty && altered.credentials.refreshToken == nil)
            #expect(altered.statusReason?.contains("integrity check") == true)
            let page = try await store.identities(serviceId: "hubspot", matching: [:], limit: 10, after: nil)
            #expect(page.items.map(\.status) == [.integrityFailed, .active])
            let due = try await store.identitiesDueForRefresh(expiringBefore: epoch.addingTimeInterval(7200), orIdleSince: nil, limit: 10)
            #expect(due.filter { $0.credentials.refreshToken != nil }.map(\.id) == ["idn_2"])
            var rewritten = altered
            rewritten.version += 1
            let error = await #expect(throws: KeywayError.self) {
                _ = try await store.updateIdentity(rewritten, expectedVersion: altered.version)
            }
            #expect(error?.code == "integrity_failed")

            try await Self.run(store, "UPDATE identities SET service_id = 'other' WHERE id = 'idn_2'")
            #expect(try await store.identity(serviceId: "other", id: "idn_2")?.status == .integrityFailed)
        }
    }

    @Test("a session whose params were changed in the database is refused at the callback", arguments: StoreBackend.allCases)
    func sessionFieldsBound(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService("hubspot"))
            let session = makeSession("ses_1", state: "state-1")
            try await store.insertSession(session)
            try await Self.run(store, #"UPDATE sessions SET params = '{"subdomain":"evil.example"}' WHERE id = 'ses_1'"#)
            let error = await #expect(throws: KeywayError.self) { _ = try await store.takeSession(state: "state-1") }
            #expect(error?.code == "integrity_failed")
        }
    }

    @Test(
        "format 1 rows are upgraded once at open and keep working; a format 1 blob written back afterwards fails closed",
        arguments: StoreBackend.allCases)
    func upgradeFromFormat1(_ backend: StoreBackend) async throws {
        let key = MasterKey.generate()
        try await withTestDatabase(backend) { database in
            // A database as the previous Keyway left it: every value in format 1.
            let format1 = try await database.withStore(key: key) { store -> [String: Data] in
                try await store.saveService(makeService("hubspot"))
                try await store.insertIdentity(makeIdentity("idn_1", accessToken: "token-1"))
                try await store.insertSession(makeSession("ses_1", state: "state-1", codeVerifier: "verifier-1"))
                let identity = try #require(try await store.identity(serviceId: "hubspot", id: "idn_1"))
                let format1: [String: Data] = [
                    "services": try Format1.seal(Data("client-secret-value".utf8), key, "services", "hubspot", "client_secret"),
                    "identities": try Format1.seal(
                        JSONEncoder().encode(Credentials(accessToken: identity.credentials.accessToken)), key,
                        "identities", "idn_1", "credentials"),
                    "state": try Format1.seal(Data("state-1".utf8), key, "sessions", "ses_1", "state"),
                    "verifier": try Format1.seal(Data("verifier-1".utf8), key, "sessions", "ses_1", "code_verifier"),
                    "check": try Format1.seal(Data("keyway key check v1".utf8), key, "meta", "key_check", "value"),
                ]
                try await store.database.transaction { db in
                    try await db.raw("UPDATE services SET client_secret_sealed = \(bind: format1["services"]!)").run()
                    try await db.raw("UPDATE identities SET credentials_sealed = \(bind: format1["identities"]!)").run()
                    try await db.raw(
                        "UPDATE sessions SET state_sealed = \(bind: format1["state"]!), code_verifier_sealed = \(bind: format1["verifier"]!)"
                    ).run()
                    try await db.raw("UPDATE meta SET value = \(bind: format1["check"]!) WHERE name = 'key_check'").run()
                }
                return format1
            }
            try await database.withStore(key: key) { store in
                #expect(try await store.service(id: "hubspot")?.clientSecret == "client-secret-value")
                let identity = try #require(try await store.identity(serviceId: "hubspot", id: "idn_1"))
                #expect(identity.status == .active && identity.credentials.accessToken == "token-1")
                #expect(try await store.session(id: "ses_1")?.codeVerifier == "verifier-1")
                let formats = try await store.database.transaction { db in
                    try await db.raw(
                        """
                        SELECT client_secret_sealed AS blob FROM services UNION ALL SELECT credentials_sealed FROM identities
                        UNION ALL SELECT state_sealed FROM sessions UNION ALL SELECT value FROM meta WHERE name = 'key_check'
                        """
                    ).all().map { try $0.decode(column: "blob", as: Data.self).first }
                }
                #expect(formats == [2, 2, 2, 2])
                // A downgrade: the old blobs written back are refused, not re-bound.
                try await store.database.transaction { db in
                    try await db.raw("UPDATE services SET client_secret_sealed = \(bind: format1["services"]!)").run()
                    try await db.raw("UPDATE identities SET credentials_sealed = \(bind: format1["identities"]!)").run()
                }
            }
            try await database.withStore(key: key) { store in
                let error = await #expect(throws: KeywayError.self) { _ = try await store.service(id: "hubspot") }
                #expect(error?.code == "integrity_failed")
                let identity = try await store.identity(serviceId: "hubspot", id: "idn_1")
                #expect(identity?.status == .integrityFailed)
            }
        }
    }

    @Test("a master key rotation keeps the binding, and leaves an altered row unusable", arguments: StoreBackend.allCases)
    func rotationKeepsBinding(_ backend: StoreBackend) async throws {
        let old = MasterKey.generate()
        let new = MasterKey.generate()
        try await withTestDatabase(backend) { database in
            try await database.withStore(key: old) { store in
                try await store.saveService(makeService("hubspot"))
                try await store.saveService(makeService("altered"))
                try await Self.run(store, "UPDATE services SET token_url = 'http://127.0.0.1:9/steal' WHERE id = 'altered'")
            }
            try await database.withStore(key: new, previousKeys: [old]) { store in
                let report = try await store.resealAll()
                #expect(report.integrityFailed == 1)
                #expect(try await store.service(id: "hubspot")?.clientSecret == "client-secret-value")
                let error = await #expect(throws: KeywayError.self) { _ = try await store.service(id: "altered") }
                #expect(error?.code == "integrity_failed")
                try await Self.run(store, "UPDATE services SET token_url = 'http://127.0.0.1:9/steal' WHERE id = 'hubspot'")
                let moved = await #expect(throws: KeywayError.self) { _ = try await store.service(id: "hubspot") }
                #expect(moved?.code == "integrity_failed")
            }
        }
    }
}

/// Format 1 blobs, made by hand from the layout the previous Keyway wrote.
enum Format1 {
    static func seal(_ plaintext: Data, _ key: MasterKey, _ table: String, _ row: String, _ column: String) throws -> Data {
        let symmetric = SymmetricKey(data: Data(base64Encoded: key.base64EncodedKey())!)
        let box = try AES.GCM.seal(plaintext, using: symmetric, authenticating: Data("keyway:v1:\(table):\(row):\(column)".utf8))
        return Data([1, UInt8(key.id.utf8.count)]) + Data(key.id.utf8) + box.combined!
    }
}
