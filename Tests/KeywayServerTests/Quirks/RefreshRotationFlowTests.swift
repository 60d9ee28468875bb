import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Box and Microsoft hand out a new refresh token with every refresh (the old one dies); Google keeps one and
/// leaves it out of refresh answers.
@Suite("Quirk: refresh tokens that rotate or not")
struct RefreshRotationFlowTests {
    @Test("rotating (box) and reused (google) refresh tokens both refresh twice in a row", arguments: [true, false])
    func refreshTwice(rotating: Bool) async throws {
        let provider = rotating ? "box" : "google"
        let sandbox = SandboxGeneric(options: SandboxGenericOptions(refreshTokens: rotating ? .rotate : .reuse))
        try await Harness.run(generic: [provider: sandbox]) { h in
            try await h.pointService(provider, provider: provider, at: provider, scopes: ["files.read"])
            let id = try await h.connect(service: provider)
            let original = try #require(try await h.store.identity(serviceId: provider, id: id))
            let firstRefreshToken = try #require(original.credentials.refreshToken)

            h.clock.advance(by: 3600)
            _ = try await h.token(service: provider, identity: id)
            let once = try #require(try await h.store.identity(serviceId: provider, id: id))
            if rotating {
                #expect(once.credentials.refreshToken != firstRefreshToken)
                // The provider no longer takes the used refresh token.
                let replay = try await h.http.postForm(
                    h.genericURL(provider) + "/oauth/token",
                    [
                        ("grant_type", "refresh_token"), ("refresh_token", firstRefreshToken),
                        ("client_id", sandbox.options.clientId), ("client_secret", sandbox.options.clientSecret),
                    ])
                #expect(replay.status == 400)
                #expect(replay.errorCode == "invalid_grant")
            } else {
                #expect(once.credentials.refreshToken == firstRefreshToken)
            }

            h.clock.advance(by: 3600)
            let token = try #require(try await h.token(service: provider, identity: id)["accessToken"] as? String)
            #expect(sandbox.stats().tokenRequests["refresh_token"] == (rotating ? 3 : 2))
            #expect(try await h.callAPI(h.genericURL(provider) + "/api/me", token: token, asProvider: provider).status == 200)
            #expect(try await h.store.identity(serviceId: provider, id: id)?.status == .active)
        }
    }
}
