import KeywayServer
import Testing

@Suite("Listen address")
struct ListenAddressTests {
    @Test("wildcards become loopback, IPv6 literals are bracketed, names stay")
    func urls() {
        #expect(ListenAddress.url(host: "0.0.0.0", port: 8080) == "http://127.0.0.1:8080")
        #expect(ListenAddress.url(host: "::", port: 8080) == "http://[::1]:8080")
        #expect(ListenAddress.url(host: "::1", port: 9) == "http://[::1]:9")
        #expect(ListenAddress.url(host: "127.0.0.1", port: 80) == "http://127.0.0.1:80")
        #expect(ListenAddress.url(host: "keyway.local", port: 443) == "http://keyway.local:443")
    }

    @Test("a public URL is http(s) with a host and no query; trailing slashes are dropped")
    func publicURLs() {
        #expect(ListenAddress.validatePublicURL("https://keyway.example.com/") == "https://keyway.example.com")
        #expect(ListenAddress.validatePublicURL("http://127.0.0.1:8080/keyway") == "http://127.0.0.1:8080/keyway")
        for bad in ["keyway.example.com", "ftp://keyway.example.com", "https://", "https://k.example/?a=1", "https://k.example/#x",
            "https://user@k.example"]
        {
            #expect(ListenAddress.validatePublicURL(bad) == nil, "\(bad)")
        }
    }
}
