import Foundation
import KeywayCore
import KeywayStore
import Testing

@Suite("Master keys for rotation, and PostgreSQL addresses")
struct KeyLoadingTests {
    @Test("KEYWAY_PREVIOUS_MASTER_KEYS and the previous keys file add keys that open; the current key seals")
    func previousKeys() async throws {
        try await withTemporaryDirectory { directory in
            let current = MasterKey.generate()
            let fromVariable = [MasterKey.generate(), MasterKey.generate()]
            let fromFile = MasterKey.generate()
            let keyFile = directory.appendingPathComponent("master.key")
            let previousFile = directory.appendingPathComponent(Sealer.previousKeysFileName)
            try current.write(to: keyFile)
            try Data("\(fromFile.base64EncodedKey())\n\n".utf8).write(to: previousFile)
            let environment = [
                Sealer.previousKeysVariable: fromVariable.map { $0.base64EncodedKey() }.joined(separator: ", ")
                    + "," + current.base64EncodedKey()
            ]
            let sealer = try Sealer.load(environment: environment, keyFile: keyFile, previousKeysFile: previousFile)
            #expect(sealer.currentKey.id == current.id)
            #expect(sealer.previousKeyIds == (fromVariable + [fromFile]).map(\.id).sorted())
            let old = Sealer(current: fromFile)
            let blob = try old.seal(Data("secret".utf8), table: "t", row: "r", column: "c")
            #expect(try sealer.open(blob, table: "t", row: "r", column: "c") == Data("secret".utf8))
            #expect(sealer.needsResealing(blob))
        }
    }

    @Test("a bad previous key is master_key_invalid and names where it came from, never the key")
    func badPreviousKey() async throws {
        try await withTemporaryDirectory { directory in
            let keyFile = directory.appendingPathComponent("master.key")
            try MasterKey.generate().write(to: keyFile)
            let error = #expect(throws: KeywayError.self) {
                try Sealer.load(
                    environment: [Sealer.previousKeysVariable: "c2VjcmV0LW5vdC1hLWtleQ=="], keyFile: keyFile,
                    previousKeysFile: directory.appendingPathComponent("absent"))
            }
            #expect(error?.code == "master_key_invalid")
            #expect(error?.message.contains("KEYWAY_PREVIOUS_MASTER_KEYS") == true)
            #expect(error?.message.contains("c2VjcmV0") == false)
        }
    }

    @Test("a PostgreSQL address parses, and its description never shows the password")
    func postgresURL() throws {
        let url = try PostgresURL("postgres://keyway:p%40ss-w0rd@db.internal:6543/keyway_prod?sslmode=require")
        #expect(url.host == "db.internal")
        #expect(url.port == 6543)
        #expect(url.username == "keyway")
        #expect(url.password == "p@ss-w0rd")
        #expect(url.database == "keyway_prod")
        #expect(url.tls == .require)
        #expect(url.description == "postgres://keyway@db.internal:6543/keyway_prod")
        #expect(!"\(url)".contains("w0rd"))
        #expect(try PostgresURL("postgresql://u@localhost/db?sslmode=disable").tls == .disable)
        #expect(try PostgresURL("postgres://u@localhost").port == 5432)
        for bad in ["postgres://localhost/db", "postgres:///db", "mysql://u@h/db", "postgres://u@h/db?sslmode=sometimes"] {
            let error = #expect(throws: KeywayError.self) { try PostgresURL(bad) }
            #expect(error?.code == "invalid_database_url")
        }
        #expect(PostgresURL.isPostgres("POSTGRES://u@h/db"))
        #expect(!PostgresURL.isPostgres("/var/lib/keyway/keyway.db"))
    }

    @Test("an unreachable PostgreSQL server is storage_unavailable, named without its password")
    func unreachable() async throws {
        let error = await #expect(throws: KeywayError.self) {
            _ = try await SQLStore.openPostgreSQL(
                url: "postgres://keyway:hunter2@127.0.0.1:1/keyway?sslmode=disable", sealer: Sealer(current: .generate()),
                logger: quietLogger)
        }
        #expect(error?.code == "storage_unavailable")
        #expect(error?.message.contains("hunter2") == false)
        #expect(error?.message.contains("127.0.0.1:1") == true)
    }
}
