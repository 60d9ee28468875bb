import AsyncHTTPClient
import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Hundreds of callers asking at the moment a token expires: one refresh grant, everyone served the same
/// new token.
@Suite("Refresh under load")
struct ConcurrentRefreshTests {
    static let callers = 300

    @Test("300 concurrent token reads of an expired identity with rotating refresh tokens: one refresh grant")
    func tokenReads() async throws {
        try await Harness.run(sandbox: SandboxOptions(rotateRefreshTokens: true)) { h in
            let id = try await h.connect()
            let old = try await h.keyway.token(serviceId: "hubspot", identityId: id).accessToken
            h.clock.advance(by: 1801)
            let answers = try await Storm.run(Self.callers, apiKey: h.apiKey) { http, _ in
                let answer = try await http.get("\(h.api)/services/hubspot/identities/\(id)/token")
                return (status: answer.status, token: answer.json["accessToken"] as? String)
            }
            #expect(answers.allSatisfy { $0.status == 200 })
            let tokens = answers.compactMap(\.token)
            #expect(tokens.count == Self.callers)
            #expect(Set(tokens).count == 1)
            #expect(tokens.first != old)
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)
        }
    }

    @Test("300 concurrent proxy calls on an expired identity with rotating refresh tokens: one refresh grant")
    func proxyCalls() async throws {
        let upstream = Upstream()
        try await upstream.run { upstreamURL in
            try await Harness.run(sandbox: SandboxOptions(rotateRefreshTokens: true)) { h in
                try await h.addService("echo", apiBaseUrl: upstreamURL + "/inspect")
                let id = try await h.walkConnect(service: "echo")
                let old = try await h.keyway.token(serviceId: "echo", identityId: id).accessToken
                h.clock.advance(by: 1801)
                let seen = try await Storm.run(Self.callers, apiKey: h.apiKey) { http, caller in
                    let answer = try await http.send(
                        .POST, "\(h.api)/proxy/echo/contacts", body: #"{"caller":\#(caller)}"#,
                        headers: [("Keyway-Identity", id)])
                    return (answer.status, (answer.json["headers"] as? [String: String])?["authorization"])
                }
                #expect(seen.count == Self.callers)
                #expect(seen.allSatisfy { $0.0 == 200 }, "statuses: \(Dictionary(seen.map { ($0.0, 1) }, uniquingKeysWith: +))")
                #expect(upstream.requests == Self.callers)
                #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)
                let new = try await h.keyway.token(serviceId: "echo", identityId: id).accessToken
                #expect(new != old)
                #expect(Set(seen.map(\.1)) == ["Bearer \(new)"])
            }
        }
    }
}
