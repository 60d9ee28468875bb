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

    /// A client allowed to open one connection per caller, so that the calls really are concurrent.
    static func wideClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(read: .seconds(60)))
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: callers)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    @Test("300 concurrent token reads of an expired identity with rotating refresh tokens: one refresh grant")
    func tokenReads() async throws {
        try await Harness.run(sandbox: SandboxOptions(rotateRefreshTokens: true)) { h in
            let id = try await h.connect()
            let old = try await h.keyway.token(serviceId: "hubspot", identityId: id).accessToken
            h.clock.advance(by: 1801)
            let client = Self.wideClient()
            let http = HTTP(client: client, apiKey: h.apiKey)
            let tokens = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for _ in 0..<Self.callers {
                    group.addTask {
                        let answer = try await http.get("\(h.api)/services/hubspot/identities/\(id)/token")
                        return (answer.status, answer.json["accessToken"] as? String)
                    }
                }
                var tokens: [String] = []
                for try await (status, token) in group {
                    #expect(status == 200)
                    if let token { tokens.append(token) }
                }
                return tokens
            }
            try await client.shutdown()
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
                let client = Self.wideClient()
                let http = HTTP(client: client, apiKey: h.apiKey)
                let seen = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                    for caller in 0..<Self.callers {
                        group.addTask {
                            let answer = try await http.send(
                                .POST, "\(h.api)/proxy/echo/contacts", body: #"{"caller":\#(caller)}"#,
                                headers: [("Keyway-Identity", id)])
                            return (answer.status, (answer.json["headers"] as? [String: String])?["authorization"])
                        }
                    }
                    var seen: [(Int, String?)] = []
                    for try await answer in group { seen.append(answer) }
                    return seen
                }
                try await client.shutdown()
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
