import KeywayCore
import Testing

@Suite("Browser binding and issuer check")
struct BrowserBindingTests {
    @Test("a token matches only its own hash; no token, no hash or a long token never match")
    func binding() {
        let token = BrowserBinding.makeToken()
        let hash = BrowserBinding.hash(token)
        #expect(hash.count == 64)
        #expect(BrowserBinding.matches(token, storedHash: hash))
        #expect(!BrowserBinding.matches(BrowserBinding.makeToken(), storedHash: hash))
        #expect(!BrowserBinding.matches(nil, storedHash: hash))
        #expect(!BrowserBinding.matches(token, storedHash: nil))
        #expect(!BrowserBinding.matches(String(repeating: "a", count: 257), storedHash: hash))
        #expect(token != BrowserBinding.makeToken())
    }

    @Test("cookie names keep only token characters")
    func cookieName() {
        #expect(BrowserBinding.cookieName(sessionId: "ses_Ab-9") == "keyway_flow_ses_Ab-9")
        #expect(BrowserBinding.cookieName(sessionId: "ses_a; Path=/") == "keyway_flow_ses_aPath")
    }

    @Test(
        "iss: ignored without a recorded issuer; otherwise must be present and equal",
        arguments: [
            (nil, nil, IssuerCheck.accepted), ("https://x.example", nil, .accepted),
            ("https://as.example", "https://as.example", .accepted),
            ("https://as.example/", "https://as.example", .mismatch),
            ("https://evil.example", "https://as.example", .mismatch),
            ("https://AS.example", "https://as.example", .mismatch),
            ("", "https://as.example", .mismatch),
            (nil, "https://as.example", .missing),
        ] as [(String?, String?, IssuerCheck)])
    func issuer(presented: String?, expected: String?, outcome: IssuerCheck) {
        #expect(IssuerCheck.evaluate(presented: presented, expected: expected) == outcome)
    }
}
