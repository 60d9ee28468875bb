import Foundation
import KeywayCore
import Testing

/// Slack's user token: under `authed_user` in the code exchange, at the top level when refreshed.
@Suite("Nested token paths")
struct NestedTokenParsingTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let format = TokenResponseFormat(
        accessTokenPath: "authed_user.access_token", refreshTokenPath: "authed_user.refresh_token",
        expiresInPath: "authed_user.expires_in", defaultTokenLifetime: nil)

    @Test("the exchange's nested token, refresh token and lifetime are read; the refresh token leaves native")
    func exchange() throws {
        let body = #"""
            {"ok":true,"access_token":"xoxb-bot","refresh_token":"xoxe-bot","expires_in":60,
             "authed_user":{"id":"U1","access_token":"xoxp-user","refresh_token":"xoxe-user","expires_in":43200},
             "team":{"id":"T1","name":"Acme Corp"}}
            """#
        let credentials = try TokenResponseParser.parse(Data(body.utf8), format: format, now: now)
        #expect(credentials.accessToken == "xoxp-user")
        #expect(credentials.refreshToken == "xoxe-user")
        #expect(credentials.expiresAt == now.addingTimeInterval(43200))
        #expect(credentials.native["refresh_token"] == nil)
        #expect(credentials.native["authed_user"]?.objectValue?["refresh_token"] == nil)
        #expect(credentials.native["authed_user"]?.objectValue?["access_token"] == .string("xoxp-user"))
    }

    @Test("a refresh answer with the token at the top level is read through the standard fields")
    func refreshAtTopLevel() throws {
        let body = #"{"ok":true,"access_token":"xoxp-2","refresh_token":"xoxe-2","expires_in":43200,"token_type":"user"}"#
        let previous = Credentials(accessToken: "xoxp-1", refreshToken: "xoxe-1")
        let credentials = try TokenResponseParser.parse(Data(body.utf8), format: format, previous: previous, now: now)
        #expect(credentials.accessToken == "xoxp-2")
        #expect(credentials.refreshToken == "xoxe-2")
        #expect(credentials.expiresAt == now.addingTimeInterval(43200))
        #expect(credentials.native["refresh_token"] == nil)
    }

    @Test("a top-level path does not fall back: a missing token is an invalid answer")
    func noFallbackForTopLevel() throws {
        #expect(throws: OAuthProviderError.self) {
            try TokenResponseParser.parse(
                Data(#"{"ok":true,"authed_user":{"access_token":"xoxp"}}"#.utf8), format: .standard, now: now)
        }
    }

    @Test("Slack's ok:false codes for a dead grant become invalid_grant; others keep their code")
    func slackErrors() throws {
        for code in ["invalid_refresh_token", "invalid_code"] {
            let error = try #require(throws: OAuthProviderError.self) {
                try TokenResponseParser.parse(Data(#"{"ok":false,"error":"\#(code)"}"#.utf8), format: format, now: now)
            }
            #expect(error.isInvalidGrant)
            #expect(error.description?.contains(code) == true)
        }
        let other = try #require(throws: OAuthProviderError.self) {
            try TokenResponseParser.parse(Data(#"{"ok":false,"error":"bad_client_secret"}"#.utf8), format: format, now: now)
        }
        #expect(other.error == "bad_client_secret")
        #expect(!other.isInvalidGrant)
    }
}
