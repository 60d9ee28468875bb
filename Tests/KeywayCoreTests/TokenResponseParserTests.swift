import Foundation
import KeywayCore
import Testing

@Suite("Token responses")
struct TokenResponseParserTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func parse(_ json: String, format: TokenResponseFormat = .standard, previous: Credentials? = nil) throws
        -> Credentials
    {
        try TokenResponseParser.parse(Data(json.utf8), format: format, previous: previous, now: now)
    }

    @Test("keeps native fields without the refresh token, normalises token_type, computes expiry")
    func standard() throws {
        let credentials = try parse(
            #"{"access_token":"at","refresh_token":"rt","token_type":"BEARER","expires_in":1800,"hub_id":62515}"#)
        #expect(credentials.accessToken == "at")
        #expect(credentials.refreshToken == "rt")
        #expect(credentials.tokenType == "Bearer")
        #expect(credentials.expiresAt == now.addingTimeInterval(1800))
        #expect(credentials.native["refresh_token"] == nil)
        #expect(credentials.native["hub_id"] == .number(62515))
    }

    @Test("a refresh answer without a refresh token keeps the old one; with one, stores the new")
    func refreshTokenKept() throws {
        let previous = Credentials(accessToken: "old", refreshToken: "rt-1")
        #expect(try parse(#"{"access_token":"a2","expires_in":60}"#, previous: previous).refreshToken == "rt-1")
        #expect(try parse(#"{"access_token":"a2","refresh_token":"rt-2"}"#, previous: previous).refreshToken == "rt-2")
    }

    @Test("expires_in as a string, absent with and without a default lifetime")
    func lifetimes() throws {
        #expect(try parse(#"{"access_token":"a","expires_in":"3600"}"#).expiresAt == now.addingTimeInterval(3600))
        #expect(try parse(#"{"access_token":"a"}"#).expiresAt == nil)
        let withDefault = TokenResponseFormat(
            accessTokenPath: "access_token", refreshTokenPath: "refresh_token", expiresInPath: "expires_in",
            defaultTokenLifetime: 7200)
        #expect(try parse(#"{"access_token":"a"}"#, format: withDefault).expiresAt == now.addingTimeInterval(7200))
    }

    @Test("a nested token (Slack's authed_user) and Slack's ok:false")
    func nested() throws {
        let slack = TokenResponseFormat(
            accessTokenPath: "authed_user.access_token", refreshTokenPath: "authed_user.refresh_token",
            expiresInPath: "authed_user.expires_in", defaultTokenLifetime: nil)
        let credentials = try parse(
            #"{"ok":true,"authed_user":{"access_token":"xoxp","refresh_token":"xoxe","expires_in":43200}}"#,
            format: slack)
        #expect(credentials.accessToken == "xoxp")
        #expect(credentials.refreshToken == "xoxe")
        #expect(credentials.native["authed_user"]?.objectValue?["refresh_token"] == nil)
        #expect(throws: OAuthProviderError.self) { try parse(#"{"ok":false,"error":"invalid_code"}"#, format: slack) }
    }

    @Test("errors: OAuth codes, HubSpot BAD_* statuses, bodies that are not JSON")
    func errors() {
        let oauth = TokenResponseParser.parseError(Data(#"{"error":"invalid_grant"}"#.utf8), status: 400)
        #expect(oauth.isInvalidGrant)
        let hubspot = TokenResponseParser.parseError(
            Data(#"{"status":"BAD_REFRESH_TOKEN","message":"missing or invalid refresh token"}"#.utf8), status: 400)
        #expect(hubspot.isInvalidGrant)
        let client = TokenResponseParser.parseError(Data(#"{"status":"BAD_CLIENT_ID"}"#.utf8), status: 400)
        #expect(client.error == "invalid_client")
        let outage = TokenResponseParser.parseError(Data("<html>".utf8), status: 503)
        #expect(outage.isTransient)
        #expect(throws: OAuthProviderError.self) { try parse(#"{"token_type":"bearer"}"#) }
        #expect(throws: OAuthProviderError.self) { try parse("not json") }
    }
}

@Suite("JSON values")
struct JSONValueTests {
    @Test("every JSON shape decodes to its own case and encodes back the same")
    func roundTrip() throws {
        let text = #"{"a":"1","b":1,"c":true,"d":false,"e":null,"f":[1,"x",false,null,{"g":2.5}],"h":{"i":"j"},"k":0}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        guard case .object(let object) = value else {
            Issue.record("expected an object")
            return
        }
        #expect(object["a"] == .string("1"))
        #expect(object["b"] == .number(1))
        #expect(object["c"] == .bool(true))
        #expect(object["d"] == .bool(false))
        #expect(object["e"] == .null)
        #expect(object["f"] == .array([.number(1), .string("x"), .bool(false), .null, .object(["g": .number(2.5)])]))
        #expect(object["h"] == .object(["i": .string("j")]))
        #expect(object["k"] == .number(0))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let again = try JSONDecoder().decode(JSONValue.self, from: try encoder.encode(value))
        #expect(again == value)
    }
}
