import Foundation
import KeywayCore
import KeywayStore
import Testing

@Suite("SQLStore API keys")
struct APIKeyStoreTests {
    @Test("API key records round-trip, list oldest first and delete", arguments: StoreBackend.allCases)
    func lifecycle(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            let first = NewAPIKey.generate(name: "admin", now: epoch).record
            let second = NewAPIKey.generate(name: "ci", now: epoch.addingTimeInterval(5)).record
            try await store.insertAPIKey(second)
            try await store.insertAPIKey(first)
            #expect(try await store.apiKey(id: first.id) == first)
            #expect(try await store.apiKey(id: "key_absent") == nil)
            #expect(try await store.apiKeys() == [first, second])
            let duplicate = await #expect(throws: KeywayError.self) { try await store.insertAPIKey(first) }
            #expect(duplicate?.code == "conflict")
            #expect(try await store.deleteAPIKey(id: first.id))
            #expect(try await store.deleteAPIKey(id: first.id) == false)
            #expect(try await store.apiKeys() == [second])
        }
    }
}
