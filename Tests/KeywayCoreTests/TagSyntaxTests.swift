import KeywayCore
import Testing

@Suite("Tags")
struct TagSyntaxTests {
    @Test("filters split on the first colon")
    func filters() throws {
        #expect(try TagSyntax.parseFilters(["tenantId:contoso", "url:https://x"]) == ["tenantId": "contoso", "url": "https://x"])
        #expect(throws: KeywayError.self) { try TagSyntax.parseFilters(["nocolon"]) }
        #expect(throws: KeywayError.self) { try TagSyntax.parseFilters([":v"]) }
        #expect(throws: KeywayError.self) { try TagSyntax.parseFilters(["k:"]) }
        #expect(throws: KeywayError.self) { try TagSyntax.parseFilters(["k:1", "k:2"]) }
    }

    @Test("Keyway-Tags headers are comma-separated, percent-encoded pairs")
    func header() throws {
        #expect(try TagSyntax.parseHeader("tenantId=contoso, userId=u%2C1") == ["tenantId": "contoso", "userId": "u,1"])
        #expect(throws: KeywayError.self) { try TagSyntax.parseHeader("tenantId") }
        #expect(throws: KeywayError.self) { try TagSyntax.parseHeader("a=1,,b=2") }
    }

    @Test("keys and values are bounded")
    func limits() {
        #expect(throws: KeywayError.self) { try TagSyntax.validate(["a b": "x"]) }
        #expect(throws: KeywayError.self) { try TagSyntax.validate(["k": String(repeating: "v", count: 257)]) }
        #expect(throws: KeywayError.self) { try TagSyntax.validate(["k": "line\nbreak"]) }
        let many = Dictionary(uniqueKeysWithValues: (0..<17).map { ("k\($0)", "v") })
        #expect(throws: KeywayError.self) { try TagSyntax.validate(many) }
    }
}
