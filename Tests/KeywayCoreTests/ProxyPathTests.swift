import KeywayCore
import Testing

@Suite("Proxy paths")
struct ProxyPathTests {
    let base = "https://api.hubapi.com"

    @Test("paths join the base; queries pass through in order; encoded data stays encoded")
    func joins() throws {
        #expect(try ProxyPath.upstreamURL(base: base + "/", path: "/crm/v3/objects/contacts", query: "a=1&b=2&a=3")
            == "https://api.hubapi.com/crm/v3/objects/contacts?a=1&b=2&a=3")
        #expect(try ProxyPath.upstreamURL(base: base, path: "/contacts/ada%40example.com", query: nil)
            == "https://api.hubapi.com/contacts/ada%40example.com")
        #expect(try ProxyPath.upstreamURL(base: "https://x.example/api/v2", path: "", query: nil) == "https://x.example/api/v2")
    }

    @Test("escapes are refused", arguments: [
        "/http://evil.example/x", "/https:%2F%2Fevil.example", "//evil.example/x", "/%2Fevil.example/x", "/%2f%2fevil",
        "/../x", "/a/../../x", "/a/%2e%2e/x", "/a/.%2E/x", "/a/%252e%252e/x", "/a/..%2Fx", "/@evil.example",
        "/a@evil.example", "/a\\b", "/a%5Cb", "/a/%00", "/a/./b", "/a?b", "/a#b", "/mailto:x", "/a/%zz",
    ])
    func refused(path: String) {
        #expect(throws: KeywayError.self) { try ProxyPath.upstreamURL(base: base, path: path, query: nil) }
    }

    /// Found by the FuzzProxyPath target: a combining mark (U+0301) after '#', '?', '@', '\\' or '/' hid it from
    /// checks made on Swift's Characters, so `..` followed by "/\u{301}" left an API base path one level up, and a
    /// fragment or a query slipped into the URL.
    @Test("a combining mark after a reserved character does not hide it", arguments: [
        ("/a/../\u{301}admin", nil), ("/..%2F%CC%81admin", nil), ("/a#\u{301}b", nil), ("/a?\u{301}b", nil),
        ("/a@\u{301}b", nil), ("/a\\\u{301}b", nil), ("//\u{301}evil.example", nil), ("/a", "q=1#\u{301}frag"),
    ] as [(String, String?)])
    func combiningMarks(path: String, query: String?) {
        #expect(throws: KeywayError.self) {
            try ProxyPath.upstreamURL(base: "https://x.example/api/v2", path: path, query: query)
        }
    }
}
