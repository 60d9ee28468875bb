import Foundation
import KeywayCore
import KeywayStore
import Testing

@Suite("SQLStore under concurrency")
struct ConcurrencyTests {
    @Test("50 tasks inserting at once all land, while 50 others read", arguments: StoreBackend.allCases)
    func concurrentInsertsAndReads(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        try await store.insertIdentity(
                            makeIdentity("idn_\(index)", tags: ["tenantId": "t\(index % 5)", "userId": "u\(index)"]))
                    }
                    group.addTask {
                        let page = try await store.identities(
                            serviceId: "hubspot", matching: ["tenantId": "t\(index % 5)"], limit: 50, after: nil)
                        #expect(page.items.count <= 10)
                        _ = try await store.countIdentities(serviceId: "hubspot")
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.countIdentities(serviceId: "hubspot") == 50)
            let page = try await store.identities(serviceId: "hubspot", matching: [:], limit: 100, after: nil)
            #expect(Set(page.items.map(\.id)) == Set((0..<50).map { "idn_\($0)" }))
            for tenant in 0..<5 {
                let matches = try await store.identities(
                    serviceId: "hubspot", matching: ["tenantId": "t\(tenant)"], limit: 100, after: nil)
                #expect(matches.items.count == 10)
            }
        }
    }

    @Test("concurrent compare-and-set writes of one version: exactly one wins", arguments: StoreBackend.allCases)
    func concurrentCompareAndSet(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            let original = makeIdentity("idn_1")
            try await store.insertIdentity(original)
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for attempt in 0..<20 {
                    var candidate = original
                    candidate.credentials = Credentials(accessToken: "access-\(attempt)")
                    candidate.version = 2
                    group.addTask { try await store.updateIdentity(candidate, expectedVersion: 1) }
                }
                var wins = 0
                for try await won in group where won { wins += 1 }
                return wins
            }
            #expect(wins == 1)
            #expect(try await store.identity(serviceId: "hubspot", id: "idn_1")?.version == 2)
        }
    }

    @Test("a closed store refuses operations with store_closed", arguments: StoreBackend.allCases)
    func closed(_ backend: StoreBackend) async throws {
        try await withTestDatabase(backend) { database in
            let store = try await database.open(Sealer(current: .generate()))
            try await store.close()
            try await store.close()
            let error = await #expect(throws: KeywayError.self) { _ = try await store.services() }
            #expect(error?.code == "store_closed")
        }
    }
}
