import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Slack's user token sits under `authed_user` in the code exchange and at the top level when refreshed.
@Suite("Quirk: a token nested in the answer")
struct NestedTokenFlowTests {
    @Test("slack-user reads authed_user.access_token at the exchange and the top-level token after a refresh")
    func slackUserToken() async throws {
        let slack = SandboxGeneric(options: .slackLike())
        try await Harness.run(generic: ["slack": slack]) { h in
            try await h.pointService(
                "slack", provider: "slack-user", at: "slack", authorizationParams: ["user_scope": "chat:write,channels:read"])
            let id = try await h.connect(service: "slack")

            let first = try await h.token(service: "slack", identity: id)
            let token = try #require(first["accessToken"] as? String)
            let native = try #require(first["native"] as? [String: Any])
            let authedUser = try #require(native["authed_user"] as? [String: Any])
            #expect(authedUser["access_token"] as? String == token)
            #expect(authedUser["refresh_token"] == nil, "refresh tokens never leave Keyway")
            #expect(native["ok"] as? Bool == true)
            let stored = try #require(try await h.store.identity(serviceId: "slack", id: id))
            #expect(stored.credentials.refreshToken?.hasPrefix("gen-rt-") == true)
            let expiresAt = try #require(stored.expiresAt)
            #expect(abs(expiresAt.timeIntervalSince(h.clock.now) - 43_200) < 60, "authed_user.expires_in is read")
            let metadata = try await h.metadata(service: "slack", identity: id)
            #expect(metadata["authed_user.id"] == "U0SANDBOX01")
            #expect(metadata["team.id"] == "T0SANDBOX01")
            #expect(metadata["team.name"] == "Keyway Sandbox Team")

            let me = try await h.callAPI(h.genericURL("slack") + "/api/me", token: token, asProvider: "slack-user")
            #expect(me.status == 200, "\(me.body)")
            #expect(me.json["scopes"] as? [String] == ["chat:write", "channels:read"])

            // Twelve hours later the token is refreshed; Slack answers that refresh at the top level.
            h.clock.advance(by: 43_200)
            let second = try await h.token(service: "slack", identity: id)
            let refreshed = try #require(second["accessToken"] as? String)
            #expect(refreshed != token)
            #expect(slack.stats().tokenRequests["refresh_token"] == 1)
            let after = try #require(try await h.store.identity(serviceId: "slack", id: id))
            #expect(after.status == .active)
            #expect(after.credentials.refreshToken != stored.credentials.refreshToken, "the rotated refresh token is kept")
            #expect(after.metadata == stored.metadata)
            let again = try await h.callAPI(h.genericURL("slack") + "/api/me", token: refreshed, asProvider: "slack-user")
            #expect(again.status == 200, "\(again.body)")
        }
    }

    @Test("the bot-token slack entry would not find the user token: the exchange fails, and nothing is stored")
    func botEntryOnUserInstall() async throws {
        let slack = SandboxGeneric(options: .slackLike())
        try await Harness.run(generic: ["slack": slack]) { h in
            try await h.pointService(
                "slack", provider: "slack", at: "slack", authorizationParams: ["user_scope": "chat:write"])
            let finished = queryItems(try await h.walk(try await h.createSession(service: "slack")))
            #expect(finished["error"] == "code_exchange_failed")
            #expect(try await h.store.countIdentities(serviceId: "slack") == 0)
        }
    }
}
