import Foundation
import KeywayTestSupport
import Testing

/// The access log: one line per request at the default `info` level, with what an operator needs and no secret.
@Suite("Access log")
struct AccessLogTests {
    @Test("a request's line at info holds the method, the path without its query, the status, the duration and the request id")
    func requestLine() async throws {
        try await Harness.run { h in
            _ = try await h.connect()
            let read = try await h.http.get("\(h.api)/services/hubspot/token?tag=tenantId:contoso")
            #expect(read.status == 200)
            let accessToken = try #require(read.json["accessToken"] as? String)
            let missing = try await h.http.get("\(h.api)/services/hubspot/identities/idn_nope/token?x=query-secret")
            #expect(missing.status == 404)
            let info = try await h.http.get("\(h.sandboxURL)/oauth/v1/access-tokens/\(accessToken)", authorized: false)
            #expect(info.status == 200)

            let lines = h.logs.text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("info request ") }
            let pattern = #/^info request method=(\w+) path=(\S+) status=(\d{3}) ms=\d+\.\d{3} hb\.request\.id=[0-9a-f]{32}$/#
            let parsed = lines.compactMap { line in
                line.wholeMatch(of: pattern).map { (String($0.output.1), String($0.output.2), String($0.output.3)) }
            }
            #expect(parsed.count == lines.count, "lines not in the expected form: \(lines)")
            #expect(parsed.contains { $0 == ("GET", "/v1/services/hubspot/token", "200") }, "\(lines)")
            #expect(parsed.contains { $0 == ("GET", "/v1/services/hubspot/identities/idn_nope/token", "404") }, "\(lines)")
            #expect(parsed.contains { $0.0 == "GET" && $0.1.hasSuffix("/oauth/v1/access-tokens/…") }, "\(lines)")
            for secret in [accessToken, "query-secret", "tenantId:contoso", h.apiKey] {
                #expect(!h.logs.text.contains(secret), "the log holds '\(secret.prefix(12))…'")
            }
        }
    }
}
