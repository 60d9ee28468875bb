import AsyncHTTPClient
import Foundation
import KeywayCore
import KeywaySandbox
import KeywayStore
import KeywayTestSupport
import Testing

/// Tokens living less than the refresh margin (5 min by default): the margin scales with the lifetime, so such
/// a token is not due the moment it is issued, and a storm on an expired one makes one grant.
@Suite("Short-lived tokens")
struct ShortLivedTokenTests {
    @Test("300 concurrent reads of an expired 20 s token make exactly one refresh grant")
    func storm() async throws {
        try await Harness.run(sandbox: SandboxOptions(tokenLifetime: .seconds(20), rotateRefreshTokens: true)) { h in
            let id = try await h.connect()
            // Frozen: the new token is due again after 10 s (half its life), and a loaded machine may take
            // longer than that to serve 300 reads.
            h.clock.freeze()
            h.clock.advance(by: 21)
            let statuses = try await Storm.run(ConcurrentRefreshTests.callers, apiKey: h.apiKey) { http, _ in
                try await http.get("\(h.api)/services/hubspot/identities/\(id)/token").status
            }
            #expect(statuses.count == ConcurrentRefreshTests.callers)
            #expect(statuses.allSatisfy { $0 == 200 })
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)
        }
    }

    @Test("reads during the first half of a 60 s token's life make no refresh grant; after it, one")
    func firstHalf() async throws {
        try await Harness.run(sandbox: SandboxOptions(tokenLifetime: .seconds(60))) { h in
            let id = try await h.connect()
            let first = try #require(try await h.token(service: "hubspot", identity: id)["accessToken"] as? String)
            let issued = try #require(try await h.store.identity(serviceId: "hubspot", id: id)).updatedAt
            // Frozen, so that each step sets the token's age exactly, however slow the machine.
            h.clock.freeze()
            for age in [5.0, 15, 25] {
                h.clock.advance(by: age - h.clock.now.timeIntervalSince(issued))
                for _ in 0..<3 {
                    #expect(try await h.token(service: "hubspot", identity: id)["accessToken"] as? String == first)
                }
            }
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 0)
            h.clock.advance(by: 10)  // 35 s: in the second half, due
            let second = try await h.token(service: "hubspot", identity: id)["accessToken"] as? String
            #expect(second != first)
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)
        }
    }
}
