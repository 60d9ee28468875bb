import Foundation
import KeywayCore
import Testing

/// Hosts a provider names in its token answer are checked against the catalog entry's list, wherever they land.
@Suite("Hostile answers: provider-reported hosts")
struct MetadataHostsTests {
    static let salesforce = ProviderCatalog.bundled.provider("salesforce")!
    static let service = Service(id: "sf", provider: "salesforce", clientId: "id", clientSecret: "secret")

    func check(_ value: String, provider: Provider = salesforce, field: String = "instance_url") throws(KeywayError) {
        try MetadataHosts.validate([field: value], service: Self.service, provider: provider)
    }

    @Test("Salesforce instance URLs under its domains are accepted", arguments: [
        "https://na1.salesforce.com", "https://acme.my.salesforce.com", "https://acme--dev.sandbox.my.salesforce.com/",
        "https://acme.lightning.force.com", "HTTPS://ACME.MY.SALESFORCE.COM", "https://acme.my.salesforce.com:443",
        "https://acme.my.salesforce.com/services",
    ])
    func accepted(value: String) throws {
        try check(value)
    }

    @Test("anything else is refused with untrusted_host", arguments: [
        "http://127.0.0.1:8080/steal", "https://127.0.0.1", "https://evil.example", "https://salesforce.com.evil.example",
        "https://evilsalesforce.com", "http://na1.salesforce.com", "https://na1.salesforce.com:8443",
        "https://user:pass@na1.salesforce.com", "https://na1.salesforce.com?x=1", "https://na1.salesforce.com#f",
        "https://na1.salesforce.com/../x", "https://na1.salesforce.com/a%2F..", "https://na1.salesforce.com//evil.example",
        "https://na1.salesforce.com.", "https://[::1]", "na1.salesforce.com", "//na1.salesforce.com", "javascript:alert(1)",
        "", "https://na1.salesforce.com\\@evil.example", "https://na1.salesforce.com%2eevil.example",
    ])
    func refused(value: String) {
        #expect(throws: KeywayError.self, "\(value)") { try check(value) }
        do {
            try check(value)
        } catch {
            #expect(error.code == "untrusted_host" && error.kind == .badGateway)
        }
    }

    @Test("metadata that fills no URL is not judged; a service whose own API base does not use it is not either")
    func unused() throws {
        try MetadataHosts.validate(["id": "https://evil.example/id"], service: Self.service, provider: Self.salesforce)
        var own = Self.service
        own.apiBaseUrl = "https://api.example.com"
        try MetadataHosts.validate(["instance_url": "https://evil.example"], service: own, provider: Self.salesforce)
    }

    @Test("a whole-host placeholder (Wrike's host) takes a listed host name, not a URL or a foreign host")
    func wholeHost() throws {
        let wrike = try #require(ProviderCatalog.bundled.provider("wrike"))
        let service = Service(id: "w", provider: "wrike", clientId: "id", clientSecret: "secret")
        try MetadataHosts.validate(["host": "app-eu.wrike.com"], service: service, provider: wrike)
        for value in ["evil.example", "https://www.wrike.com", "www.wrike.com:8080", "www.wrike.com/x", "wrike.com.evil.example"] {
            #expect(throws: KeywayError.self, "\(value)") {
                try MetadataHosts.validate(["host": value], service: service, provider: wrike)
            }
        }
    }

    @Test("an http:// entry (tests only) allows plain http to that host on any port; https entries never do")
    func plainHTTP() throws {
        var loopback = Self.salesforce
        loopback.metadataHosts = ["instance_url": ["http://127.0.0.1"]]
        try check("http://127.0.0.1:8123/sandbox/generic/sf", provider: loopback)
        try check("https://127.0.0.1", provider: loopback)
        #expect(throws: KeywayError.self) { try check("http://localhost:8123", provider: loopback) }
        #expect(throws: KeywayError.self) { try check("http://127.0.0.2:8123", provider: loopback) }
        #expect(!MetadataHosts.isAllowed(host: "127.0.0.1", plainHTTP: true, allowed: ["127.0.0.1"]))
    }

    @Test("without a list a field in a host position is refused (fail closed); a label or path position needs none")
    func failClosed() throws {
        var bare = Self.salesforce
        bare.metadataHosts = nil
        #expect(throws: KeywayError.self) { try check("https://na1.salesforce.com", provider: bare) }
        #expect(MetadataHosts.position(of: "x", in: "https://{x}.example.com/api") == .label)
        #expect(MetadataHosts.position(of: "x", in: "https://api.example.com/{x}") == .path)
        #expect(MetadataHosts.position(of: "x", in: "https://{x}/api") == .host)
        #expect(MetadataHosts.position(of: "x", in: "{x}/api") == .url)
        #expect(throws: Never.self) {
            try MetadataHosts.validate(field: "x", value: "tenant-1", template: "https://{x}.example.com", allowed: [], provider: "p")
        }
        #expect(throws: KeywayError.self) {
            try MetadataHosts.validate(field: "x", value: "a.evil.example#", template: "https://{x}.example.com", allowed: [], provider: "p")
        }
        #expect(throws: KeywayError.self) {
            try MetadataHosts.validate(field: "x", value: "..", template: "https://api.example.com/{x}", allowed: [], provider: "p")
        }
    }
}
