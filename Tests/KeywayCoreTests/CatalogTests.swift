import Foundation
import KeywayCore
import Testing

@Suite("Catalog")
struct CatalogTests {
    @Test("every bundled entry has unique ids, https URLs and declared placeholders")
    func entries() throws {
        let catalog = ProviderCatalog.bundled
        #expect(catalog.providers.count >= 50)
        #expect(Set(catalog.providers.map(\.id)).count == catalog.providers.count)
        for provider in catalog.providers where provider.id != "custom" {
            #expect(!provider.displayName.isEmpty, "\(provider.id)")
            for url in [provider.authorizationUrl, provider.tokenUrl] + [provider.refreshUrl, provider.apiBaseUrl].compactMap({ $0 }) {
                // An API base URL may start with a metadata value that is itself a URL (Salesforce's instance_url).
                let fromMetadata = url.hasPrefix("{")
                    && provider.metadata.response.contains(URLTemplate.placeholders(in: url).first ?? "")
                #expect(url.hasPrefix("https://") || fromMetadata, "\(provider.id): \(url)")
                for name in URLTemplate.placeholders(in: url) {
                    #expect(provider.params.contains(name) || provider.metadata.response.contains(name) || provider.metadata.callback.contains(name),
                            "\(provider.id): {\(name)} is not declared")
                }
            }
            #expect(!provider.scopeSeparator.isEmpty, "\(provider.id)")
        }
    }

    @Test("HubSpot points at the current token endpoint")
    func hubspot() throws {
        let hubspot = try #require(ProviderCatalog.bundled.provider("hubspot"))
        #expect(hubspot.authorizationUrl == "https://app.hubspot.com/oauth/authorize")
        #expect(hubspot.tokenUrl == "https://api.hubapi.com/oauth/2026-03/token")
        #expect(hubspot.tokenAuthMethod == .clientSecretPost)
        #expect(hubspot.apiBaseUrl == "https://api.hubapi.com")
    }
}
