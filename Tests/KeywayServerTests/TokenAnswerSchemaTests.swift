import Foundation
import KeywayAPI
import KeywayCore
import KeywayServer
import Testing

/// The token answer's fast path (``TokenRepresentation/jsonText``) is written by hand; it must read back as the
/// contract's generated `Components.Schemas.Token`, field for field, so that the two can never disagree.
@Suite("Token answer against the generated schema type")
struct TokenAnswerSchemaTests {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            return try Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
        }
        return decoder
    }()

    /// Seeds cover: with and without expiry (seed % 4), every credential placement (seed % 3), a status reason
    /// or none, and (below) no native fields at all.
    @Test("the direct text decodes as Components.Schemas.Token with every field of the issued token", arguments: 0..<24)
    func fieldForField(seed: Int) throws {
        var token = TokenAnswerEncodingTests.token(seed)
        if seed % 5 == 0 { token.identity.credentials.native = [:] }
        let text = try #require(TokenRepresentation(token).jsonText)
        var decoded = try Self.decoder.decode(Components.Schemas.Token.self, from: Data(text.utf8))
        var expected = try Components.Schemas.Token(token)

        // Native fields: compared as JSON values (the runtime keeps 1800 as an Int, 0.5 as a Double).
        let native = try JSONDecoder().decode(
            [String: JSONValue].self, from: try JSONEncoder().encode(decoded.native.additionalProperties))
        #expect(native == token.native)
        // Times: the contract's millisecond precision.
        #expect(abs(decoded.identity.createdAt.timeIntervalSince(token.identity.createdAt)) < 0.001)
        #expect(abs(decoded.identity.updatedAt.timeIntervalSince(token.identity.updatedAt)) < 0.001)
        #expect((decoded.expiresAt == nil) == (token.expiresAt == nil))
        #expect((decoded.identity.expiresAt == nil) == (token.identity.expiresAt == nil))
        if let written = decoded.expiresAt, let issued = token.expiresAt {
            #expect(abs(written.timeIntervalSince(issued)) < 0.001)
        }
        decoded.native = expected.native
        expected.identity.createdAt = decoded.identity.createdAt
        expected.identity.updatedAt = decoded.identity.updatedAt
        expected.identity.expiresAt = decoded.identity.expiresAt
        expected.expiresAt = decoded.expiresAt
        #expect(decoded == expected)
        // The refresh token is never in the answer.
        #expect(!text.contains("never shown"))
        // `expiresAt` is required by the contract: `null`, never absent, for a token that does not expire.
        if token.expiresAt == nil { #expect(text.contains(#""expiresAt":null"#)) }
    }
}
