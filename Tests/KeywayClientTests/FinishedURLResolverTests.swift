import KeywayClient
import Testing

/// The framework-free finished-URL resolution both web integrations share.
@Suite("Finished URL resolution")
struct FinishedURLResolverTests {
    @Test("an absolute finished URL is kept; a path joins the public URL, trailing slashes folded")
    func publicURL() {
        let resolver = FinishedURLResolver(publicURL: "https://app.example.com/news//")
        #expect(resolver.resolve("HTTPS://elsewhere.example.com/done?x=1", host: nil) == "HTTPS://elsewhere.example.com/done?x=1")
        #expect(resolver.resolve("connected", host: "evil.example.com") == "https://app.example.com/news/connected")
        #expect(resolver.resolve("/connected", host: nil) == "https://app.example.com/news/connected")
    }

    @Test("without a public URL, only a plausible Host makes a base")
    func host() {
        let resolver = FinishedURLResolver(publicURL: nil)
        #expect(resolver.resolve("/connected", host: "127.0.0.1:8080") == "http://127.0.0.1:8080/connected")
        #expect(resolver.resolve("/connected", host: "[::1]:80") == "http://[::1]:80/connected")
        for host in [nil, "", "evil.example.com/@x", "a@b", "a b", "x?y", "x#y", String(repeating: "a", count: 256)] {
            #expect(resolver.resolve("/connected", host: host) == nil, "\(host ?? "nil")")
        }
    }
}
