import KeywayCore
import Testing

@Suite("PKCE")
struct PKCETests {
    @Test("S256 matches RFC 7636 Appendix B")
    func appendixB() {
        #expect(
            PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
                == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test("verifiers are 43 to 128 unreserved characters and differ")
    func verifiers() {
        let first = PKCE.makeVerifier()
        let second = PKCE.makeVerifier()
        #expect(first != second)
        #expect((43...128).contains(first.count))
        #expect(first.allSatisfy { $0.isLetter || $0.isNumber || "-._~".contains($0) })
    }
}
