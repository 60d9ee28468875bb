import KeywayCore
import Testing

/// `ProviderCatalog.providers(matching:)`, behind `GET /v1/providers?search=` and `keyway provider ls --search`.
@Suite("Provider search")
struct ProviderSearchTests {
    let catalog = ProviderCatalog.bundled

    @Test("a case-insensitive substring of the id or the display name, sorted by id")
    func substring() {
        let ids = catalog.providers(matching: "HuB").map(\.id)
        #expect(ids.contains("hubspot") && ids.contains("github"))  // GitHub by its name and id
        #expect(!ids.contains("asana"))
        #expect(ids == ids.sorted())
        for provider in catalog.providers(matching: "hub") {
            #expect((provider.id + " " + provider.displayName).lowercased().contains("hub"), "\(provider.id)")
        }
        // By display name only: "Login with Amazon" is `amazon`.
        #expect(catalog.providers(matching: "login with").map(\.id).contains("amazon"))
    }

    @Test("empty or blank text lists everything; text that matches nothing lists nothing")
    func edges() {
        #expect(catalog.providers(matching: "").count == catalog.providers.count)
        #expect(catalog.providers(matching: "  ").count == catalog.providers.count)
        #expect(catalog.providers(matching: "zzz-no-such-provider").isEmpty)
        #expect(catalog.providers(matching: "%").isEmpty)
    }

    @Test("an auth mode keeps only its entries, and combines with the text")
    func byAuthMode() {
        let oauth = catalog.providers(matching: "", authMode: .oauth2)
        #expect(!oauth.isEmpty && oauth.allSatisfy { $0.effectiveAuthMode == .oauth2 })
        let others = catalog.providers.filter { $0.effectiveAuthMode != .oauth2 }
        #expect(oauth.count + others.count == catalog.providers.count)
        #expect(catalog.providers(matching: "hub", authMode: .oauth2).map(\.id).contains("hubspot"))
        #expect(!catalog.providers(matching: "hub", authMode: .basic).map(\.id).contains("hubspot"))
    }
}
