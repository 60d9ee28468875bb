import Foundation
import KeywayCore
import Testing

/// What a provider's `expires_in` may be: finite lifetimes clamped to ten years, 0 meaning no expiry, the rest
/// refused with `invalid_token_response`; nothing traps, even far beyond what a date or an Int64 holds.
@Suite("Hostile answers: token lifetimes")
struct TokenLifetimeTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func parse(_ json: String, previous: Credentials? = nil) throws(OAuthProviderError) -> Credentials {
        try TokenResponseParser.parse(Data(json.utf8), format: .standard, previous: previous, now: now)
    }

    @Test("absurd finite lifetimes, as numbers or strings, are clamped to ten years", arguments: [
        "1e300", #""1e300""#, "1.7976931348623157e308", "9223372036854775807", "315360001", #"" 4e18 ""#, "0x1p1000",
    ])
    func clamped(raw: String) throws {
        let credentials = try parse(#"{"access_token":"a","expires_in":\#(raw)}"#.replacingOccurrences(of: "0x1p1000", with: #""0x1p1000""#))
        #expect(credentials.expiresAt == now.addingTimeInterval(TokenLifetime.maximum))
        // The store's form of the date is exact and does not trap.
        let milliseconds = try #require(credentials.expiresAt).millisecondsSince1970
        #expect(milliseconds == Int64((now.timeIntervalSince1970 + TokenLifetime.maximum) * 1000))
    }

    @Test("lifetimes above zero but below a millisecond last a millisecond, after the moment of issue", arguments: [
        "1e-300", "5e-324", #""1e-7""#, "0.0004",
    ])
    func tiny(raw: String) throws {
        let credentials = try parse(#"{"access_token":"a","expires_in":\#(raw)}"#)
        let expiresAt = try #require(credentials.expiresAt)
        #expect(expiresAt == now.addingTimeInterval(TokenLifetime.minimum))
        #expect(expiresAt > now)
    }

    @Test("ordinary lifetimes are kept, fractions included; 0 is no expiry")
    func ordinary() throws {
        #expect(try parse(#"{"access_token":"a","expires_in":3600}"#).expiresAt == now.addingTimeInterval(3600))
        #expect(try parse(#"{"access_token":"a","expires_in":"1800"}"#).expiresAt == now.addingTimeInterval(1800))
        #expect(try parse(#"{"access_token":"a","expires_in":0.5}"#).expiresAt == now.addingTimeInterval(0.5))
        #expect(try parse(#"{"access_token":"a","expires_in":0}"#).expiresAt == nil)
        #expect(try parse(#"{"access_token":"a","expires_in":"0"}"#).expiresAt == nil)
        #expect(try parse(#"{"access_token":"a","expires_in":null}"#).expiresAt == nil)
        #expect(try parse(#"{"access_token":"a","expires_in":""}"#).expiresAt == nil)
        #expect(try TokenLifetime.seconds(from: .null, defaultLifetime: 7200) == 7200)
        #expect(try TokenLifetime.seconds(from: nil, defaultLifetime: Int.max) == TokenLifetime.maximum)
    }

    @Test("negative, non-finite and non-numeric lifetimes refuse the answer with invalid_token_response", arguments: [
        "-5", #""-5""#, "-1e300", #""nan""#, #""NaN""#, #""inf""#, #""-infinity""#, #""1e999""#, #""abc""#, #""3600s""#,
        "true", "false", "[]", "[3600]", "{}", #"{"seconds":3600}"#,
    ])
    func refused(raw: String) {
        #expect(throws: OAuthProviderError(
            error: "invalid_token_response",
            description: "The token response's lifetime (expires_in) is not a number of seconds of zero or more.")
        ) {
            try parse(#"{"access_token":"a","refresh_token":"r","expires_in":\#(raw)}"#)
        }
    }

    @Test("a number too large for JSON's doubles, or nesting deep enough to exhaust a parser, is refused, not a trap")
    func unparseable() {
        #expect(throws: OAuthProviderError.self) { try parse(#"{"access_token":"a","expires_in":1e400}"#) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: OAuthProviderError.self) { try parse(#"{"access_token":"a","x":\#(deep)}"#) }
    }

    @Test("dates beyond an Int64 of milliseconds saturate instead of trapping")
    func saturating() {
        #expect(Date(timeIntervalSince1970: 1e300).millisecondsSince1970 == .max)
        #expect(Date(timeIntervalSince1970: -1e300).millisecondsSince1970 == .min)
        #expect(Date(timeIntervalSince1970: .infinity).millisecondsSince1970 == .max)
        #expect(Date(timeIntervalSince1970: .nan).millisecondsSince1970 == 0)
        #expect(Date(timeIntervalSince1970: 1_800_000_000.0004).millisecondsSince1970 == 1_800_000_000_000)
        #expect(Date.distantFuture.addingTimeInterval(1e300).millisecondsSince1970 == .max)
    }
}
