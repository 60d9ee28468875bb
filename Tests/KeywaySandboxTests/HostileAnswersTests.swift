import Foundation
import KeywaySandbox
import Testing

/// The generic sandbox's hostile mode answers exactly what a broken or hostile provider would.
@Suite("Generic sandbox: hostile answers")
struct HostileAnswersTests {
    @Test("raw expires_in per grant, extra fields, nested refresh-token copies; changed while running")
    func shapes() async throws {
        let hostile = SandboxHostileAnswers(
            exchangeExpiresIn: "1e300", refreshExpiresIn: #""abc""#, fields: ["instance_url": "https://evil.example"],
            refreshTokenCopies: ["authed_user.refresh_token", "a.b.refresh_token"])
        try await withGeneric(.init(hostile: hostile)) { client, sandbox in
            let code = try #require(try await client.authorize()["code"])
            let exchange = try await client.exchange(code)
            #expect(text(exchange).hasPrefix(#"{"expires_in":1e300,"#), "\(text(exchange))")
            let body = try json(exchange)
            let refreshToken = try #require(body["refresh_token"] as? String)
            #expect(body["instance_url"] as? String == "https://evil.example")
            #expect((body["authed_user"] as? [String: Any])?["refresh_token"] as? String == refreshToken)
            let nested = (body["a"] as? [String: Any])?["b"] as? [String: Any]
            #expect(nested?["refresh_token"] as? String == refreshToken)

            let refreshed = try await client.refresh(refreshToken)
            #expect(text(refreshed).hasPrefix(#"{"expires_in":"abc","#), "\(text(refreshed))")

            sandbox.setHostileAnswers(.init(body: "{not json"))
            let broken = try await client.refresh(try #require(try json(refreshed)["refresh_token"] as? String))
            #expect(broken.status == .ok && text(broken) == "{not json")

            sandbox.setHostileAnswers(.init())
            #expect(sandbox.hostileAnswers.isEmpty)
            let code2 = try #require(try await client.authorize()["code"])
            let plain = try json(try await client.exchange(code2))
            #expect(plain["expires_in"] as? Int == 3600 && plain["instance_url"] == nil && plain["a"] == nil)
        }
    }
}
