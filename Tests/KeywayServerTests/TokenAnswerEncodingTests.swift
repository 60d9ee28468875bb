import Foundation
import KeywayCore
import KeywayServer
import Testing

/// Token answers are written directly (``JSONText``) rather than through `JSONEncoder`; the bytes must be the
/// encoder's, for every value a provider or an app can put in them.
@Suite("Token answer encoding")
struct TokenAnswerEncodingTests {
    static let hostile = [
        "", "plain", "sl/ash", "quo\"te", "back\\slash", "tab\tnew\nline\rret", "\u{00}\u{01}\u{07}\u{08}\u{0B}\u{0C}\u{1F}\u{7F}",
        "é日本語🙂", "\u{2028}\u{2029}", "<script>&amp;</script>", "e\u{301}", String(repeating: "x", count: 3000),
    ]
    static let keys = ["e\u{301}", "\u{E9}x", "a", "B", "b", "A10", "a9", "a10", "Z", "_", "é", "key/1", "KEY", "key", "1", "10", "2", "id", "Id"]
    static let numbers: [Double] = [
        0, -0.0, 1, -1, 1800, 0.1, 0.5, -2.25, 1e-7, 1e-300, 3.141592653589793, 9.0e15, 9.1e15, 1e16, 1e300, -1e300,
        123456789.125, 2.5e-5, Double(Int64.max),
    ]

    static func native(_ seed: Int) -> [String: JSONValue] {
        var native: [String: JSONValue] = [:]
        for (offset, key) in keys.enumerated() {
            let pick = (offset + seed) % 6
            native[key] =
                switch pick {
                case 0: .string(hostile[(offset + seed) % hostile.count])
                case 1: .number(numbers[(offset * 7 + seed) % numbers.count])
                case 2: .bool(offset % 2 == 0)
                case 3: .null
                case 4: .array([.number(numbers[seed % numbers.count]), .string(hostile[offset % hostile.count]), .null])
                default: .object(["Nested": .string(hostile[seed % hostile.count]), "nested": .number(0.25), "n1": .bool(true)])
                }
        }
        return native
    }

    static func token(_ seed: Int) -> IssuedToken {
        let date = Date(timeIntervalSince1970: 1_764_000_000.123 + Double(seed))
        let text = hostile[seed % hostile.count]
        var tags: Tags = [:]
        var metadata: [String: String] = [:]
        for (offset, key) in keys.enumerated() where (offset + seed) % 3 != 0 {
            tags[key] = hostile[(offset + seed) % hostile.count]
            metadata[key + "m"] = hostile[(offset * 5 + seed) % hostile.count]
        }
        let identity = Identity(
            id: "idn_\(seed)", serviceId: "svc/" + text, tags: tags, status: seed % 2 == 0 ? .active : .refreshFailed,
            statusReason: seed % 3 == 0 ? nil : "reason " + text, credentials: Credentials(
                accessToken: "at-" + text, refreshToken: "never shown", tokenType: "bearer",
                expiresAt: seed % 4 == 0 ? nil : date.addingTimeInterval(1800), native: native(seed)),
            metadata: metadata, createdAt: date, updatedAt: date)
        let placement: CredentialPlacement? =
            switch seed % 3 {
            case 0: .header(name: "Authorization", value: "Bearer " + text)
            case 1: .query(name: "api_key", value: text)
            default: nil
            }
        return IssuedToken(identity: identity, placement: placement)
    }

    @Test("the direct text is the encoder's, byte for byte, for hostile strings, keys and numbers", arguments: 0..<48)
    func sameBytes(seed: Int) throws {
        let representation = TokenRepresentation(Self.token(seed))
        let expected = String(decoding: try JSONResponse.encoded(representation), as: UTF8.self)
        let written = try #require(representation.jsonText)
        #expect(written == expected)
    }

    @Test("a number the encoder refuses is left to the encoder")
    func nonFinite() throws {
        var token = Self.token(1)
        token.identity.credentials.native = ["bad": .number(.infinity)]
        #expect(TokenRepresentation(token).jsonText == nil)
        #expect(throws: (any Error).self) { try JSONResponse.encoded(TokenRepresentation(token)) }
    }
}
