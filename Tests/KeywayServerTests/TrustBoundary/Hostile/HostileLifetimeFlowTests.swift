import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// A provider's `expires_in` once crashed Keyway for every tenant (`1e300` at the exchange; `"1e300"` in a
/// refresh answer, from the refresh-ahead pass on every restart). Absurd finite lifetimes are now clamped to
/// ten years; malformed ones, and bodies that are not JSON, refuse the answer and store nothing.
@Suite("Hostile provider: token lifetimes and malformed answers")
struct HostileLifetimeFlowTests {
    static let clamped = ["1e300", #""1e300""#, "1.7976931348623157e308", "99999999999999999999"]
    static let refused = ["-5", #""abc""#, #""nan""#, #""-inf""#, "[]", "true", #"{"s":1}"#]

    /// A plain provider (the catalog's `custom`) on the generic sandbox mounted as `gen`.
    ///
    /// - Parameter refreshTokens: `.reuse` where a refused refresh answer must cost nothing: a provider that rotates
    ///   has already revoked the old refresh token when Keyway refuses the answer that carried the new one, so the
    ///   identity's next refresh ends in `refresh_failed` (the provider's doing; Keyway cannot keep half an answer).
    func withProvider(
        _ hostile: SandboxHostileAnswers = .init(), refreshTokens: SandboxRefreshTokenMode = .rotate,
        _ body: @escaping @Sendable (Harness, SandboxGeneric) async throws -> Void
    ) async throws {
        let provider = SandboxGeneric(options: .init(refreshTokens: refreshTokens, hostile: hostile))
        try await Harness.run(generic: ["gen": provider]) { h in
            try await h.pointService("gen", provider: "custom", at: "gen", scopes: ["read"])
            try await body(h, provider)
        }
    }

    @Test("an absurd lifetime at the code exchange is clamped to ten years, and Keyway keeps serving", arguments: clamped)
    func exchangeClamped(raw: String) async throws {
        try await withProvider(.init(exchangeExpiresIn: raw)) { h, _ in
            let id = try await h.connect(service: "gen")
            let stored = try #require(try await h.store.identity(serviceId: "gen", id: id))
            let expiresAt = try #require(stored.expiresAt)
            #expect(abs(expiresAt.timeIntervalSince(h.clock.now) - TokenLifetime.maximum) < 60)
            let token = try await h.http.get("\(h.api)/services/gen/identities/\(id)/token")
            #expect(token.status == 200, "\(token.body)")
            try await h.expectServing()
        }
    }

    @Test("a malformed lifetime at the code exchange is refused; nothing is stored, a reconnection keeps the old token",
        arguments: refused)
    func exchangeRefused(raw: String) async throws {
        try await withProvider { h, provider in
            let id = try await h.connect(service: "gen")
            let before = try #require(try await h.store.identity(serviceId: "gen", id: id))
            provider.setHostileAnswers(.init(exchangeExpiresIn: raw))
            let finished = try await h.finish(service: "gen", tags: ["tenantId": "other"])
            #expect(finished["error"] == "code_exchange_failed", "\(finished)")
            #expect(finished["errorDescription"]?.contains("invalid_token_response") == true, "\(finished)")
            #expect(finished["identityId"] == nil)
            // The same tags again: a refused reconnection leaves the stored identity as it was.
            let again = try await h.finish(service: "gen")
            #expect(again["error"] == "code_exchange_failed", "\(again)")
            #expect(try await h.store.countIdentities(serviceId: "gen") == 1)
            #expect(try await h.store.identity(serviceId: "gen", id: id) == before)
            try await h.expectServing()
        }
    }

    @Test("a token answer that is not JSON, or JSON nested too deep, is refused at the exchange and at a refresh")
    func notJSON() async throws {
        try await withProvider(refreshTokens: .reuse) { h, provider in
            let id = try await h.connect(service: "gen")
            let before = try #require(try await h.store.identity(serviceId: "gen", id: id))
            let deep = String(repeating: "[", count: 50_000)
            for body in [#"{"access_token":"at","#, "<html>nope</html>", "", #"{"x":\#(deep)"#] {
                provider.setHostileAnswers(.init(body: body))
                let finished = try await h.finish(service: "gen", tags: ["tenantId": "other"])
                #expect(finished["error"] == "code_exchange_failed", "\(finished)")
            }
            h.clock.advance(by: 3600)
            let token = try await h.http.get("\(h.api)/services/gen/identities/\(id)/token")
            #expect(token.status == 502 || token.status == 409, "\(token.body)")
            let after = try #require(try await h.store.identity(serviceId: "gen", id: id))
            #expect(after.credentials == before.credentials && after.status == .active)
            #expect(try await h.store.countIdentities(serviceId: "gen") == 1)
            try await h.expectServing()
        }
    }

    @Test("an absurd lifetime in a refresh answer is clamped, on a read and in passes ahead of need", arguments: clamped)
    func refreshClamped(raw: String) async throws {
        try await withProvider { h, provider in
            let id = try await h.connect(service: "gen")
            provider.setHostileAnswers(.init(refreshExpiresIn: raw))
            h.clock.advance(by: 3400)  // due within the refresh margin
            // Passes ahead of need, as `keyway serve` runs them every 30 s: the first refreshes, the rest find
            // a fresh token. Each used to trap, on every restart.
            for _ in 0..<3 {
                let report = try await h.keyway.refreshAhead(idleAfter: nil)
                #expect(report.failed == 0)
            }
            let stored = try #require(try await h.store.identity(serviceId: "gen", id: id))
            #expect(stored.version == 2)
            let expiresAt = try #require(stored.expiresAt)
            #expect(abs(expiresAt.timeIntervalSince(h.clock.now) - TokenLifetime.maximum) < 60)
            let token = try await h.http.get("\(h.api)/services/gen/identities/\(id)/token")
            #expect(token.status == 200, "\(token.body)")
            try await h.expectServing()
        }
    }

    @Test("a malformed lifetime in a refresh answer fails that refresh; the identity keeps its tokens, others refresh",
        arguments: refused)
    func refreshRefused(raw: String) async throws {
        try await withProvider(refreshTokens: .reuse) { h, provider in
            let id = try await h.connect(service: "gen")
            let before = try #require(try await h.store.identity(serviceId: "gen", id: id))
            let bystander = try await h.connect(tags: ["tenantId": "bystander-ahead"])  // HubSpot, in the same pass
            provider.setHostileAnswers(.init(refreshExpiresIn: raw))
            h.clock.advance(by: 3400)
            let report = try await h.keyway.refreshAhead(idleAfter: nil)
            // The refused answer fails nothing the pass can see: the current token is not expired yet, so it stays.
            #expect(report.examined == 2 && report.failed == 0, "\(report)")
            #expect(provider.stats().tokenRequests["refresh_token"] == 1, "the refresh was asked for")
            #expect(try #require(try await h.store.identity(serviceId: "hubspot", id: bystander)).version == 2)
            // Not yet expired: the current token is still handed out, and nothing stored changed.
            let token = try await h.http.get("\(h.api)/services/gen/identities/\(id)/token")
            #expect(token.status == 200, "\(token.body)")
            #expect(try await h.store.identity(serviceId: "gen", id: id) == before)
            h.clock.advance(by: 400)  // now expired
            let expired = try await h.http.get("\(h.api)/services/gen/identities/\(id)/token")
            #expect(expired.status == 502 && expired.errorCode == "refresh_rejected", "\(expired.body)")
            #expect(try await h.store.identity(serviceId: "gen", id: id) == before)
            try await h.expectServing()
        }
    }
}
