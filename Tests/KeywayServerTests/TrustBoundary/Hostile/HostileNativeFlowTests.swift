import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// `GET …/token` returns the provider's own fields as `native`. For `slack` it once returned
/// `native.authed_user.refresh_token`: refresh tokens at any depth now stay inside Keyway.
@Suite("Hostile provider: refresh tokens nested in the answer")
struct HostileNativeFlowTests {
    @Test("slack: no refresh token anywhere in the token answer, at the exchange or after a rotating refresh")
    func slack() async throws {
        let copies = ["authed_user.refresh_token", "deep.er.still.refresh_token", "deep.er.refreshToken", "echo"]
        let provider = SandboxGeneric(
            options: .init(clientAuthentication: .either, hostile: .init(refreshTokenCopies: copies)))
        try await Harness.run(generic: ["slack": provider]) { h in
            try await h.pointService("slack", provider: "slack", at: "slack", scopes: ["chat:write"])
            let id = try await h.connect(service: "slack")
            for round in 0..<2 {
                let stored = try #require(try await h.store.identity(serviceId: "slack", id: id))
                let refreshToken = try #require(stored.credentials.refreshToken)
                let answer = try await h.http.get("\(h.api)/services/slack/identities/\(id)/token")
                #expect(answer.status == 200, "\(answer.body)")
                #expect(!answer.body.contains(refreshToken), "round \(round): \(answer.body)")
                #expect(!answer.body.contains("gen-rt-"), "round \(round): \(answer.body)")
                let native = try #require(answer.json["native"] as? [String: Any])
                #expect(native["access_token"] != nil && native["deep"] != nil, "the rest of the answer is kept")
                let listed = try await h.http.get("\(h.api)/services/slack/identities/\(id)")
                #expect(!listed.body.contains("gen-rt-"), "\(listed.body)")
                h.clock.advance(by: 3600)  // the next round reads a refreshed (rotated) answer
            }
            #expect(provider.stats().tokenRequests["refresh_token"] == 1)
        }
    }
}
