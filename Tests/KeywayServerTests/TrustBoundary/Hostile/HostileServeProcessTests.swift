import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// `"expires_in": "1e300"` in a refresh answer once killed `keyway serve` from its refresh-ahead pass, and again
/// within seconds of every restart. Here a real `keyway serve` child refreshes ahead of need against a provider
/// that answers so, and keeps running: a trap would end the child, not this test process.
@Suite("Hostile provider: keyway serve survives a hostile refresh answer", .serialized)
struct HostileServeProcessTests {
    @Test("refresh-ahead passes meet an absurd lifetime; the process keeps serving and clamps it to ten years")
    func refreshAhead() async throws {
        let provider = SandboxGeneric(
            options: .init(tokenLifetime: .seconds(2), hostile: .init(refreshExpiresIn: #""1e300""#)))
        try await Harness.run(generic: ["gen": provider]) { h in
            let child = try await KeywayProcess(arguments: ["--refresh-interval", "0.2", "--allow-private-urls"])
            defer { child.stop() }
            let http = HTTP(client: h.http.client, apiKey: child.apiKey)
            let api = child.url + "/v1"
            let root = h.genericURL("gen")
            let service: [String: Any] = [
                "provider": "custom", "clientId": provider.options.clientId, "clientSecret": provider.options.clientSecret,
                "scopes": ["read"], "authorizationUrl": root + "/oauth/authorize", "tokenUrl": root + "/oauth/token",
                "apiBaseUrl": root,
            ]
            let json = String(decoding: try JSONSerialization.data(withJSONObject: service), as: UTF8.self)
            let put = try await http.put("\(api)/services/gen", json: json)
            #expect(put.status == 201 || put.status == 200, "\(put.body)")
            let session = try await http.post(
                "\(api)/services/gen/sessions", json: #"{"tags":{"tenantId":"t1"},"finishedUrl":"http://127.0.0.1:9/done"}"#)
            let connectURL = try #require(session.json["url"] as? String, "\(session.body)")
            let finished = try await Browser(http: http).walk(connectURL)
            let id = try #require(queryItems(finished)["identityId"], "\(finished)")

            // The token is due after 1 s (half its 2 s lifetime, the margin of a token this short): a pass then
            // refreshes it.
            var waited = 0
            while provider.stats().tokenRequests["refresh_token", default: 0] == 0 && waited < 250 {
                try await Task.sleep(for: .milliseconds(20))
                waited += 1
            }
            #expect(provider.stats().tokenRequests["refresh_token", default: 0] >= 1, "no pass refreshed")
            try await Task.sleep(for: .milliseconds(600))  // a few more passes
            #expect(child.process.isRunning, "keyway serve died on the hostile refresh answer")
            let health = try await http.get(child.url + "/healthz", authorized: false)
            #expect(health.status == 200)
            let token = try await http.get("\(api)/services/gen/identities/\(id)/token")
            #expect(token.status == 200, "\(token.body)")
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let expiresAt = try #require((token.json["expiresAt"] as? String).flatMap(formatter.date(from:)))
            #expect(abs(expiresAt.timeIntervalSinceNow - TokenLifetime.maximum) < 3600, "\(expiresAt)")
        }
    }
}
