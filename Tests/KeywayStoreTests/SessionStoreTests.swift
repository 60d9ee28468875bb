import Foundation
import KeywayCore
import KeywayStore
import Testing

@Suite("SQLStore sessions")
struct SessionStoreTests {
    @Test("a session round-trips by id, with its state and verifier, and without a verifier", arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            let session = makeSession()
            let withoutVerifier = makeSession(codeVerifier: nil)
            try await store.insertSession(session)
            try await store.insertSession(withoutVerifier)
            #expect(try await store.session(id: session.id) == session)
            #expect(try await store.session(id: withoutVerifier.id) == withoutVerifier)
            #expect(try await store.session(id: "ses_absent") == nil)
        }
    }

    @Test("takeSession returns the session once, then never again", arguments: StoreBackend.allCases)
    func takeOnce(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            let session = makeSession(state: "state-abc")
            try await store.insertSession(session)
            #expect(try await store.takeSession(state: "state-other") == nil)
            #expect(try await store.takeSession(state: "state-abc") == session)
            #expect(try await store.takeSession(state: "state-abc") == nil)
            #expect(try await store.session(id: session.id) == nil)
        }
    }

    @Test("session(state:) reads without taking; of 20 concurrent claims exactly one browser wins", arguments: StoreBackend.allCases)
    func claimOnce(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            let session = makeSession(state: "claimed-state")
            try await store.insertSession(session)
            #expect(try await store.session(state: "claimed-state") == session)
            #expect(try await store.session(state: "other-state") == nil)
            let winners = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let hash = "hash-\(index)"
                        return try await store.claimSession(id: session.id, browserHash: hash) ? hash : nil
                    }
                }
                var winners: [String] = []
                for try await winner in group { if let winner { winners.append(winner) } }
                return winners
            }
            #expect(winners.count == 1)
            let stored = try #require(try await store.session(state: "claimed-state"))
            #expect(stored.browserHash == winners.first)
            #expect(try await store.session(id: session.id)?.browserHash == winners.first)
            #expect(try await store.claimSession(id: session.id, browserHash: "late") == false)
            #expect(try await store.claimSession(id: "ses_absent", browserHash: "late") == false)
            #expect(try await store.takeSession(state: "claimed-state")?.browserHash == winners.first)
        }
    }

    @Test("of 20 concurrent takes of one state exactly one wins", arguments: StoreBackend.allCases)
    func concurrentTakes(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            let session = makeSession(state: "contested-state")
            try await store.insertSession(session)
            let winners = try await withThrowingTaskGroup(of: AuthorizationSession?.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await store.takeSession(state: "contested-state") }
                }
                var winners: [AuthorizationSession] = []
                for try await taken in group {
                    if let taken { winners.append(taken) }
                }
                return winners
            }
            #expect(winners == [session])
        }
    }

    @Test("a session id or state used twice is a conflict; an unknown service is service_not_found", arguments: StoreBackend.allCases)
    func conflicts(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            let session = makeSession(state: "same-state")
            try await store.insertSession(session)
            let sameId = await #expect(throws: KeywayError.self) {
                try await store.insertSession(makeSession(session.id))
            }
            #expect(sameId?.code == "conflict")
            #expect(sameId?.kind == .conflict)
            let sameState = await #expect(throws: KeywayError.self) {
                try await store.insertSession(makeSession(state: "same-state"))
            }
            #expect(sameState?.code == "conflict")
            let orphan = await #expect(throws: KeywayError.self) {
                try await store.insertSession(makeSession(serviceId: "absent"))
            }
            #expect(orphan?.code == "service_not_found")
        }
    }

    @Test("deleteSessions(expiredBefore:) removes only the expired ones", arguments: StoreBackend.allCases)
    func expiry(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService())
            let expired = [
                makeSession(expiresAt: epoch.addingTimeInterval(-10)),
                makeSession(expiresAt: epoch.addingTimeInterval(-1)),
            ]
            let live = makeSession(expiresAt: epoch.addingTimeInterval(600))
            for session in expired + [live] { try await store.insertSession(session) }
            #expect(try await store.deleteSessions(expiredBefore: epoch) == 2)
            #expect(try await store.deleteSessions(expiredBefore: epoch) == 0)
            #expect(try await store.session(id: live.id) == live)
            #expect(try await store.session(id: expired[0].id) == nil)
        }
    }
}
