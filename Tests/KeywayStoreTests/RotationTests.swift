import Foundation
import KeywayCore
import KeywayStore
import KeywayTestSupport
import SQLKit
import Testing

/// Master key rotation on the data: every sealed value moves to the new key, while compare-and-set writes
/// go on, and nothing written meanwhile is lost.
@Suite("SQLStore master key rotation")
struct RotationTests {
    @Test(
        "re-sealing 300 identities in batches of 17 while 4 writers refresh them: all under the new key, no write lost",
        arguments: StoreBackend.allCases)
    func resealUnderLoad(_ backend: StoreBackend) async throws {
        try await withTestDatabase(backend) { database in
            let old = MasterKey.generate()
            let new = MasterKey.generate()
            let count = 300
            try await database.withStore(key: old) { store in
                try await store.saveService(makeService())
                for index in 0..<count {
                    try await store.insertIdentity(makeIdentity("idn_\(index)", tags: ["tenantId": "t\(index)"], accessToken: "token-\(index)-v1"))
                }
                try await store.insertSession(makeSession("ses_1"))
                try await store.insertSession(makeSession("ses_2", codeVerifier: nil))
            }
            // The serving side: the new key seals, the old one still opens.
            let serving = try await database.open(Sealer(current: new, previous: [old]))
            let rotating = try await database.open(Sealer(current: new, previous: [old]))
            let lastWritten = Locked<[String: Int64]>([:])
            let progressReports = Locked(0)
            let writers = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0..<4 {
                        group.addTask {
                            for round in 0..<60 {
                                let id = "idn_\((writer * 7919 + round * 31) % count)"
                                guard var identity = try await serving.identity(serviceId: "hubspot", id: id) else { continue }
                                let expected = identity.version
                                identity.version += 1
                                identity.credentials.accessToken = "token-\(id)-w\(writer)-r\(round)"
                                if try await serving.updateIdentity(identity, expectedVersion: expected) {
                                    lastWritten.withLock { $0[id] = max($0[id] ?? 0, identity.version) }
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let report = try await rotating.resealAll(batchSize: 17) { _ in progressReports.withLock { $0 += 1 } }
            try await writers.value
            try await rotating.close()
            try await serving.close()

            #expect(report.keyId == new.id)
            // The first sweep sees each of the 304 sealed values once (300 credentials, a client secret, two
            // session states and a verifier): re-sealed, already under the new key (a writer got there first)
            // or changed under it; the key check is re-sealed last.
            #expect(report.resealed + report.alreadyCurrent + report.raced >= count + 4 + 1)
            #expect(progressReports.withLock { $0 } > count / 17)

            // Every stored blob names the new key, the key check included.
            let keyIds = try await database.withStore(key: new) { store in
                try await store.database.read { db in
                    var ids: [String?] = []
                    for (table, column) in [
                        ("services", "client_secret_sealed"), ("identities", "credentials_sealed"),
                        ("sessions", "state_sealed"), ("meta", "value"),
                    ] {
                        ids += try await db.raw("SELECT \(unsafeRaw: column) AS blob FROM \(unsafeRaw: table)").all()
                            .map { Sealer.keyId(ofSealed: try $0.decode(column: "blob", as: Data.self)) }
                    }
                    return ids
                }
            }
            #expect(Set(keyIds) == [new.id])

            // The new key alone opens everything, and every write of the writers is there.
            try await database.withStore(key: new) { store in
                let page = try await store.identities(serviceId: "hubspot", matching: [:], limit: 1000, after: nil)
                #expect(page.items.count == count)
                let written = lastWritten.withLock { $0 }
                #expect(!written.isEmpty)
                for identity in page.items {
                    #expect(identity.version == written[identity.id] ?? 1, "\(identity.id)")
                    let expectedPrefix = written[identity.id] == nil ? "token-\(identity.id.dropFirst(4))-v1" : "token-\(identity.id)-w"
                    #expect(identity.credentials.accessToken.hasPrefix(expectedPrefix))
                }
                #expect(try await store.session(id: "ses_1")?.codeVerifier == "code-verifier-value")
                #expect(try await store.session(id: "ses_2")?.codeVerifier == nil)
                #expect(try await store.service(id: "hubspot")?.clientSecret == "client-secret-value")
            }
            // The old key alone no longer opens the database.
            let error = await #expect(throws: KeywayError.self) { try await database.withStore(key: old) { _ in } }
            #expect(error?.code == "master_key_mismatch")
        }
    }

    @Test(
        "a store whose key check is old needs the old key to open; a repeated rotation has nothing to do",
        arguments: StoreBackend.allCases)
    func repeated(_ backend: StoreBackend) async throws {
        try await withTestDatabase(backend) { database in
            let old = MasterKey.generate()
            try await database.withStore(key: old) { store in
                try await store.saveService(makeService())
            }
            let newer = MasterKey.generate()
            // A rotation that forgot the old key: the store does not even open, since the key check is old.
            let refused = await #expect(throws: KeywayError.self) {
                try await database.withStore(key: newer) { _ in }
            }
            #expect(refused?.code == "master_key_mismatch")
            // With the old key, a second rotation later works, and a repeated one has nothing to do.
            let first = try await database.withStore(key: newer, previousKeys: [old]) { try await $0.resealAll() }
            #expect(first.resealed == 2)
            let again = try await database.withStore(key: newer) { try await $0.resealAll() }
            #expect(again.resealed == 0)
            #expect(again.alreadyCurrent == 1)
        }
    }
}
