import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// Rate-limit headers other than HubSpot's, honoured by the proxy: `Retry-After` in seconds and as an HTTP date,
/// and a catalog entry's reset header read as each `resetKind` the catalog uses (delay in seconds or
/// milliseconds, epoch seconds or milliseconds; GitHub's `x-ratelimit-reset`, the IETF draft's
/// `RateLimit-Reset`). The policy's default wait (30 s) is above its single-wait bound (5 s), so a 429 whose
/// header the proxy did not read is passed through rather than retried: a retry proves the header was honoured
/// (wall-clock bounds are left out, as the whole suite runs in parallel on a small machine).
@Suite("Quirk: rate-limit headers")
struct RateLimitFlowTests {
    struct Style: Sendable, CustomTestStringConvertible {
        let name: String
        let rateLimit: Provider.RateLimitHeaders?
        let headers: [String]
        var testDescription: String { name }
    }

    static let policy = ProxyRetryPolicy(
        maxAttempts: 3, maxTotalWait: .seconds(10), maxSingleWait: .seconds(5), defaultWait: .seconds(30))

    static func limits(_ remaining: String?, _ reset: String, _ kind: Provider.RateLimitHeaders.ResetKind)
        -> Provider.RateLimitHeaders
    {
        .init(limitHeader: nil, remainingHeader: remaining, resetHeader: reset, resetKind: kind)
    }

    static let styles: [Style] = [
        Style(name: "Retry-After seconds", rateLimit: nil, headers: ["Retry-After:1"]),
        Style(name: "Retry-After HTTP date", rateLimit: nil, headers: ["Retry-After:{date+1}"]),
        Style(
            name: "GitHub x-ratelimit-reset, epoch seconds",
            rateLimit: limits("x-ratelimit-remaining", "x-ratelimit-reset", .epochSeconds),
            headers: ["x-ratelimit-remaining:0", "x-ratelimit-reset:{now+1}"]),
        Style(
            name: "IETF RateLimit-Reset, seconds until reset",
            rateLimit: limits("RateLimit-Remaining", "RateLimit-Reset", .delaySeconds),
            headers: ["RateLimit-Remaining:0", "RateLimit-Reset:1"]),
        Style(
            name: "reset after milliseconds",
            rateLimit: limits(nil, "X-RateLimit-Reset-Ms", .delayMilliseconds), headers: ["X-RateLimit-Reset-Ms:700"]),
        Style(
            name: "reset at epoch milliseconds",
            rateLimit: limits(nil, "X-RateLimit-Reset", .epochMilliseconds), headers: ["X-RateLimit-Reset:{nowms+1}"]),
    ]

    /// A catalog with `rl-<n>` entries: `custom` with each style's rate-limit headers.
    static let catalog: ProviderCatalog = {
        let custom = ProviderCatalog.bundled.provider("custom")!
        let entries = styles.enumerated().map { index, style in
            var entry = custom
            entry.id = "rl-\(index)"
            entry.rateLimit = style.rateLimit
            return entry
        }
        return ProviderCatalog(providers: ProviderCatalog.bundled.providers + entries)
    }()

    /// Creates service `id` of catalog entry `provider`, connected through the sandbox HubSpot, calling `api`.
    static func connect(_ h: Harness, id: String, provider: String, api: String) async throws -> String {
        let body: [String: Any] = [
            "provider": provider, "clientId": h.sandbox.options.clientId, "clientSecret": h.sandbox.options.clientSecret,
            "scopes": ["oauth"], "authorizationUrl": h.sandboxURL + "/oauth/authorize",
            "tokenUrl": h.sandboxURL + "/oauth/2026-03/token", "apiBaseUrl": api, "pkce": false,
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body, options: .sortedKeys), as: UTF8.self)
        let answer = try await h.http.put("\(h.api)/services/\(id)", json: json)
        #expect(answer.status == 200 || answer.status == 201, "\(answer.body)")
        let finished = try await h.walk(try await h.createSession(service: id, tags: ["tenantId": "contoso"]))
        return try #require(queryItems(finished)["identityId"], "finished with \(finished)")
    }

    static func query(_ headers: [String]) -> String {
        headers.map { "h=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) }
            .joined(separator: "&")
    }

    @Test("a 429 is retried once its header's wait is over", arguments: Array(styles.indices))
    func honoured(index: Int) async throws {
        let style = Self.styles[index]
        let upstream = Upstream()
        try await upstream.run { upstreamURL in
            try await Harness.run(proxyRetry: Self.policy, catalog: Self.catalog) { h in
                let identity = try await Self.connect(h, id: "rl", provider: "rl-\(index)", api: upstreamURL)
                let answer = try await h.http.get(
                    "\(h.api)/proxy/rl/limited/\(index)?\(Self.query(style.headers))",
                    headers: [("Keyway-Identity", identity)])
                #expect(answer.status == 200, "\(style.name): \(answer.status) \(answer.body)")
                #expect(upstream.requests == 2, "\(style.name)")
            }
        }
    }

    @Test("a reset far in the future (or absurd) is passed through at once, not waited for", arguments: [
        "x-ratelimit-reset:{now+86400}", "x-ratelimit-reset:1e300", "Retry-After:99999999999999999999",
    ])
    func farFuture(header: String) async throws {
        let upstream = Upstream()
        try await upstream.run { upstreamURL in
            try await Harness.run(proxyRetry: Self.policy, catalog: Self.catalog) { h in
                let identity = try await Self.connect(h, id: "rl", provider: "rl-2", api: upstreamURL)
                let started = ContinuousClock.now
                let answer = try await h.http.get(
                    "\(h.api)/proxy/rl/limited/far?\(Self.query(["x-ratelimit-remaining:0", header]))",
                    headers: [("Keyway-Identity", identity)])
                #expect(answer.status == 429)
                #expect(upstream.requests == 1)
                // Far below the day the header asks for (a loose bound: the suite runs in parallel on 2 cores).
                #expect(ContinuousClock.now - started < .seconds(20))
            }
        }
    }
}
