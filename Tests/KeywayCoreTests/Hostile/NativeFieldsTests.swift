import Foundation
import KeywayCore
import Testing

/// Refresh tokens stay inside Keyway at any depth of the provider's answer.
@Suite("Hostile answers: refresh tokens in native")
struct NativeFieldsTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Every string anywhere in a JSON value.
    static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let text): return [text]
        case .array(let items): return items.flatMap(strings(in:))
        case .object(let object): return object.values.flatMap(strings(in:))
        case .null, .bool, .number: return []
        }
    }

    @Test("Slack's authed_user.refresh_token beside a bot token is dropped; the rest of authed_user stays")
    func slack() throws {
        let body = #"""
            {"ok":true,"access_token":"xoxb-1","refresh_token":"xoxe-bot","expires_in":43200,
             "authed_user":{"id":"U1","access_token":"xoxp-1","refresh_token":"xoxe-user","expires_in":43200}}
            """#
        let credentials = try TokenResponseParser.parse(Data(body.utf8), format: .standard, now: now)
        #expect(credentials.refreshToken == "xoxe-bot")
        let strings = Self.strings(in: .object(credentials.native))
        #expect(!strings.contains("xoxe-bot") && !strings.contains("xoxe-user"), "\(credentials.native)")
        #expect(credentials.native["authed_user"]?.objectValue?["id"] == .string("U1"))
        #expect(credentials.native["authed_user"]?.objectValue?["access_token"] == .string("xoxp-1"))
        #expect(credentials.native["expires_in"] == .number(43200))
    }

    @Test("any name of a refresh token, at any depth, in objects and arrays, and any echo of its value, is dropped")
    func anyDepth() throws {
        let body = #"""
            {"access_token":"at","refresh_token":"rt-new","refresh_token_expires_in":7776000,
             "a":{"b":{"c":{"refreshToken":"rt-x","keep":1}}},
             "list":[{"Refresh-Token":"rt-y"},"rt-new",{"echo":"rt-old"},{"fine":"value"}],
             "mirror":"rt-new","id_token":"header.payload.sig"}
            """#
        let previous = Credentials(accessToken: "old", refreshToken: "rt-old")
        let credentials = try TokenResponseParser.parse(Data(body.utf8), format: .standard, previous: previous, now: now)
        let strings = Self.strings(in: .object(credentials.native))
        for secret in ["rt-new", "rt-x", "rt-y", "rt-old"] { #expect(!strings.contains(secret), "\(secret)") }
        #expect(credentials.native["refresh_token_expires_in"] == .number(7776000))
        #expect(credentials.native["id_token"] == .string("header.payload.sig"))
        #expect(JSONValue.object(credentials.native)[path: "a.b.c.keep"] == .number(1))
        #expect(credentials.native["list"] == .array([.object([:]), .object([:]), .object(["fine": .string("value")])]))
    }

    @Test("an identity stored before this rule hands out no refresh token either")
    func storedBefore() {
        let native: [String: JSONValue] = [
            "access_token": .string("at"), "authed_user": .object(["refresh_token": .string("old-rt"), "id": .string("U1")]),
            "copy": .string("stored-rt"),
        ]
        let identity = Identity(
            id: "idn_1", serviceId: "s", tags: [:],
            credentials: Credentials(accessToken: "at", refreshToken: "stored-rt", native: native),
            createdAt: now, updatedAt: now)
        let issued = IssuedToken(identity: identity)
        #expect(issued.native == ["access_token": .string("at"), "authed_user": .object(["id": .string("U1")])])
    }
}
