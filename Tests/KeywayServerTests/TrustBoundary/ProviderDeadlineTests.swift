import AsyncHTTPClient
import Foundation
import KeywayCore
import KeywaySandbox
import KeywayStore
import KeywayTestSupport
import NIOCore
import Testing

/// One deadline over every exchange with a provider, head and body alike: a provider that trickles its
/// answer (or sends far too much) holds no callback, refresh, refresh lock or proxied call past it.
///
/// The hostile sandbox trickles a byte every 500 ms, so a token answer takes about two minutes in full; the
/// deadlines here are 4 seconds (long enough for the normal exchanges around them on a loaded machine), and
/// the bound checked on token exchanges, `heldBound`, is half a trickled token answer's length: without the
/// deadline a call is held for the whole answer, and with it the call ends well inside the bound even when the
/// whole suite runs in parallel on two loaded cores (a 15 s bound failed there, at 16 s, while the deadline
/// held). A trickled API answer is shorter, so the proxy case keeps a tighter bound and also checks that the
/// body ends in error rather than in full.
@Suite("Provider deadlines")
struct ProviderDeadlineTests {
    static let trickle = SandboxDelivery.trickle(bytes: 1, every: .milliseconds(500))
    static let service = "slow"
    static let heldBound = Duration.seconds(60)

    @Test("a trickling token endpoint releases the callback at the deadline: an error on finishedUrl, nothing stored")
    func trickledCodeExchange() async throws {
        let provider = SandboxGeneric(options: .init(delivery: Self.trickle))
        try await Harness.run(generic: ["slow": provider], tokenTimeout: .seconds(4)) { h in
            try await h.pointService(Self.service, provider: "custom", at: "slow", scopes: ["read"])
            let started = ContinuousClock.now
            let finished = try await h.walk(try await h.createSession(service: Self.service))
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < Self.heldBound, "the callback was held for \(elapsed)")
            let query = queryItems(finished)
            #expect(finished.hasPrefix("http://127.0.0.1:9/finished?"))
            #expect(query["error"] == "code_exchange_failed", "\(query)")
            #expect(query["errorDescription"]?.contains("provider_timeout") == true, "\(query)")
            #expect(query["identityId"] == nil)
            #expect(try await Self.identityCount(h) == 0)
            // The provider's request was cancelled: its answer could not be written to the end.
            #expect(try await Self.eventually { provider.deliveryStats().abandoned >= 1 })

            // Keyway keeps serving: once the provider answers normally, the same flow connects.
            provider.setDelivery(.immediate)
            _ = try await h.connect(service: Self.service)
            #expect(try await Self.identityCount(h) == 1)
        }
    }

    @Test("a token answer larger than the 1 MiB cap is refused with a stable error and nothing stored")
    func hugeTokenAnswer() async throws {
        let size = 32 << 20
        let provider = SandboxGeneric(options: .init(delivery: .huge(bytes: size)))
        try await Harness.run(generic: ["slow": provider], tokenTimeout: .seconds(20)) { h in
            try await h.pointService(Self.service, provider: "custom", at: "slow", scopes: ["read"])
            let finished = try await h.walk(try await h.createSession(service: Self.service))
            let query = queryItems(finished)
            #expect(query["error"] == "code_exchange_failed", "\(query)")
            #expect(query["errorDescription"]?.contains("provider_answer_too_large") == true, "\(query)")
            #expect(try await Self.identityCount(h) == 0)
            // Keyway keeps serving: the same provider answering normally connects.
            provider.setDelivery(.immediate)
            _ = try await h.connect(service: Self.service)
            #expect(try await Self.identityCount(h) == 1)
        }
    }

    @Test(
        "a trickling refresh releases the read and the refresh lock at the deadline; a later read succeeds",
        arguments: [false, true])
    func trickledRefresh(postgres: Bool) async throws {
        if postgres {
            try await PostgresTestDatabase.withDatabase { url in try await Self.trickledRefresh(postgresURL: url) }
        } else {
            try await Self.trickledRefresh(postgresURL: nil)
        }
    }

    static func trickledRefresh(postgresURL: String?) async throws {
        // A provider that keeps its refresh tokens: one that rotates them would have spent the old one on the
        // answer Keyway gave up on, as after any lost answer.
        let provider = SandboxGeneric(options: .init(refreshTokens: .reuse))
        try await Harness.run(generic: ["slow": provider], tokenTimeout: .seconds(4), postgresURL: postgresURL) { h in
            try await h.pointService(Self.service, provider: "custom", at: "slow", scopes: ["read"])
            let id = try await h.connect(service: Self.service)
            let first = try await h.token(service: Self.service, identity: id)
            h.clock.advance(by: 3700)  // the token has expired: a read must refresh
            provider.setDelivery(Self.trickle)

            let url = "\(h.api)/services/\(Self.service)/identities/\(id)/token"
            let started = ContinuousClock.now
            async let read = h.http.get(url)
            if postgresURL != nil {
                // While the provider trickles, the refresh holds the identity's lock…
                #expect(try await Self.eventually { try await h.store.heldAdvisoryLocks() == 1 })
            }
            let answer = try await read
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < Self.heldBound, "the read was held for \(elapsed)")
            #expect(answer.status == 502, "\(answer.body)")
            #expect(answer.errorCode == "refresh_unavailable", "\(answer.body)")
            if postgresURL != nil {
                // …and releases it with the read, not when the provider finishes.
                #expect(try await h.store.heldAdvisoryLocks() == 0)
            }
            // Nothing stored was lost or marked: the identity is still active with its refresh token.
            let stored = try #require(try await h.store.identity(serviceId: Self.service, id: id))
            #expect(stored.status == .active)
            #expect(stored.credentials.refreshToken != nil)

            provider.setDelivery(.immediate)
            let second = try await h.token(service: Self.service, identity: id)
            #expect(second["accessToken"] as? String != nil)
            #expect(second["accessToken"] as? String != first["accessToken"] as? String)
        }
    }

    @Test("a refresh-ahead pass with one hung provider still refreshes the healthy identities within about one deadline")
    func refreshAheadWithHungProvider() async throws {
        let hung = SandboxGeneric()
        let healthy = SandboxGeneric()
        // 8 s: the connects before the pass must finish within it on a loaded machine, too.
        try await Harness.run(generic: ["hung": hung, "healthy": healthy], tokenTimeout: .seconds(8)) { h in
            try await h.pointService("hung", provider: "custom", at: "hung", scopes: ["read"])
            try await h.pointService("healthy", provider: "custom", at: "healthy", scopes: ["read"])
            // The hung provider's identities expire first, so a pass taking them in order meets them first.
            for tenant in ["h1", "h2", "h3"] { _ = try await h.connect(service: "hung", tags: ["tenantId": tenant]) }
            h.clock.advance(by: 10)
            var healthyIds: [String] = []
            for tenant in ["g1", "g2"] { healthyIds.append(try await h.connect(service: "healthy", tags: ["tenantId": tenant])) }
            h.clock.advance(by: 3700)
            hung.setDelivery(Self.trickle)

            let started = ContinuousClock.now
            let report = try await h.keyway.refreshAhead(idleAfter: nil)
            let elapsed = ContinuousClock.now - started
            // One deadline is 8 s; taking the hung identities one after another would need at least 24 s.
            #expect(elapsed < .seconds(20), "the pass took \(elapsed)")
            #expect(report.examined == 5)
            #expect(report.refreshed == 2)
            #expect(report.failed == 3)
            #expect(healthy.stats().tokenRequests["refresh_token"] == 2)
            for id in healthyIds {
                #expect(try #require(try await h.store.identity(serviceId: "healthy", id: id)).version == 2)
            }
        }
    }

    @Test("a proxied call to a trickling API is cut at the deadline, its upstream request cancelled; Keyway keeps serving")
    func trickledProxyBody() async throws {
        let provider = SandboxGeneric()
        try await Harness.run(generic: ["slow": provider], proxyTimeout: .seconds(4)) { h in
            try await h.pointService(Self.service, provider: "custom", at: "slow", scopes: ["read"])
            let id = try await h.connect(service: Self.service)
            provider.setDelivery(Self.trickle)
            let url = "\(h.api)/proxy/\(Self.service)/api/me"
            let started = ContinuousClock.now
            await #expect(throws: (any Error).self, "the body ends in error, not in full") {
                try await h.http.get(url, headers: [("Keyway-Identity", id)])
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < .seconds(20), "the proxied call was held for \(elapsed)")
            #expect(try await Self.eventually { provider.deliveryStats().abandoned >= 1 })

            // The envelope form, which reads the answer whole, gets a clean error.
            let envelope = try await h.http.post(
                "\(h.api)/services/\(Self.service)/proxy", json: #"{"identityId":"\#(id)","path":"/api/me"}"#)
            #expect(envelope.status == 502, "\(envelope.body)")
            #expect(envelope.errorCode == "api_timeout", "\(envelope.body)")

            provider.setDelivery(.immediate)
            let answer = try await h.http.get(url, headers: [("Keyway-Identity", id)])
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.json["account"] as? String != nil)
        }
    }

    /// How many identities the slow service has, as the API lists them.
    static func identityCount(_ h: Harness) async throws -> Int {
        let answer = try await h.http.get("\(h.api)/services/\(service)/identities")
        #expect(answer.status == 200, "\(answer.body)")
        return (answer.json["items"] as? [Any])?.count ?? -1
    }

    /// Whether `condition` holds within `limit`, asked every 50 ms.
    static func eventually(within limit: Duration = .seconds(10), _ condition: () async throws -> Bool) async throws
        -> Bool
    {
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}
