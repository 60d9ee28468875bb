import KeywayCore
import Testing

@Suite("Outbound URL policy")
struct OutboundURLPolicyTests {
    @Test(
        "loopback, link-local, private and reserved hosts in every spelling are refused by default",
        arguments: [
            "https://127.0.0.1/token", "https://127.1/token", "https://0x7f.0.0.1/token", "https://0177.0.0.1/token",
            "https://2130706433/token", "https://localhost/token", "https://LOCALHOST./token",
            "https://admin.localhost/token", "https://[::1]/token", "https://[::ffff:127.0.0.1]/token",
            "https://[::ffff:a9fe:a9fe]/token", "https://169.254.169.254/latest/meta-data", "https://[fe80::1]/x",
            "https://10.0.0.7/x", "https://172.16.0.1/x", "https://172.31.255.255/x", "https://192.168.1.1/x",
            "https://100.64.0.1/x", "https://[fd00::1]/x", "https://0.0.0.0/x", "https://[::]/x",
            "https://224.0.0.1/x", "https://255.255.255.255/x", "https://127.0.0.1.:8443/x",
        ])
    func refused(url: String) throws {
        do {
            try OutboundURLPolicy.publicAddressesOnly.check(url, field: "tokenUrl")
            Issue.record("\(url) was allowed")
        } catch {
            #expect(error.code == "private_address" || error.code == "invalid_url", "\(url): \(error.code)")
            #expect(error.kind == .badRequest)
        }
    }

    @Test(
        "public hosts and names pass",
        arguments: [
            "https://api.hubapi.com/oauth/2026-03/token", "https://{shop}.myshopify.com/admin/oauth/access_token",
            "https://8.8.8.8/x", "https://172.32.0.1/x", "https://[2001:db8::1]/x", "https://100.128.0.1/x",
            "https://localhost.example.com/x",
        ])
    func allowed(url: String) throws {
        try OutboundURLPolicy.publicAddressesOnly.check(url, field: "tokenUrl")
    }

    @Test("--allow-private-urls lets loopback and private addresses through; plain http only on loopback")
    func anyAddress() throws {
        try OutboundURLPolicy.anyAddress.check("http://127.0.0.1:9000/token", field: "tokenUrl")
        try OutboundURLPolicy.anyAddress.check("https://10.1.2.3/token", field: "tokenUrl")
        #expect(throws: KeywayError.self) { try OutboundURLPolicy.anyAddress.check("http://10.1.2.3/token", field: "t") }
        #expect(throws: KeywayError.self) { try OutboundURLPolicy.anyAddress.check("https://u:p@example.com/", field: "t") }
    }

    @Test("an allowed prefix admits its own URLs only: same origin, under its path, no dot segments")
    func prefixes() throws {
        let policy = OutboundURLPolicy(
            allowsPrivateAddresses: false, allowedPrefixes: ["http://127.0.0.1:8080/sandbox/hubspot"])
        try policy.check("http://127.0.0.1:8080/sandbox/hubspot/oauth/2026-03/token", field: "tokenUrl")
        try policy.check("http://127.0.0.1:8080/sandbox/hubspot", field: "apiBaseUrl")
        for url in [
            "http://127.0.0.1:8080/sandbox/hubspotx/token", "http://127.0.0.1:8081/sandbox/hubspot/token",
            "http://127.0.0.2:8080/sandbox/hubspot/token", "http://127.0.0.1:8080/v1/keys",
            "http://127.0.0.1:8080/sandbox/hubspot/../../v1/keys", "http://127.0.0.1:8080/sandbox/hubspot/%2e%2e/x",
        ] {
            #expect(throws: KeywayError.self, "\(url)") { try policy.check(url, field: "tokenUrl") }
        }
    }

    @Test("classification reads IPv4-mapped and compatible IPv6 by their IPv4 address")
    func classification() {
        #expect(HostAddress.classify("[::ffff:10.0.0.1]") == .privateNetwork)
        #expect(HostAddress.classify("::ffff:8.8.8.8") == .publicHost)
        #expect(HostAddress.classify("169.254.169.254") == .linkLocal)
        #expect(HostAddress.classify("api.hubapi.com") == .publicHost)
        #expect(HostAddress.classify("") == .reserved)
    }
}
