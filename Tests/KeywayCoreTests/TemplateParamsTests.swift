import Foundation
import KeywayCore
import Testing

/// Session params fill `{placeholders}`; at refresh the identity's whole metadata is passed as params.
@Suite("Template params")
struct TemplateParamsTests {
    let shopify = ProviderCatalog.bundled.provider("shopify")!
    let service = Service(id: "shop", provider: "shopify", clientId: "id", clientSecret: "secret")

    @Test("values fill the templates; a missing one is missing_param naming it")
    func fill() throws {
        let configuration = try OAuthClientConfiguration(service: service, provider: shopify, params: ["shop": "contoso"])
        #expect(configuration.authorizationUrl == "https://contoso.myshopify.com/admin/oauth/authorize")
        #expect(configuration.tokenUrl == "https://contoso.myshopify.com/admin/oauth/access_token")
        #expect(configuration.refreshUrl == configuration.tokenUrl)
        let error = try #require(throws: KeywayError.self) {
            try OAuthClientConfiguration(service: service, provider: shopify, params: [:])
        }
        #expect(error.code == "missing_param")
        #expect(error.message.contains("'shop'"))
    }

    @Test("metadata that fills no placeholder is not checked: URLs and names with spaces are fine at refresh")
    func metadataAsParams() throws {
        let metadata = [
            "shop": "contoso", "scope": "read_products,write_orders", "instance_url": "https://na1.salesforce.com",
            "team.name": "Acme Corp",
        ]
        let configuration = try OAuthClientConfiguration(service: service, provider: shopify, params: metadata)
        #expect(configuration.tokenUrl == "https://contoso.myshopify.com/admin/oauth/access_token")
    }

    @Test("a value that fills a placeholder must stay inside the host label", arguments: ["evil.com/x", "a b", ".x", "a..b"])
    func unsafeValue(value: String) throws {
        let error = try #require(throws: KeywayError.self) {
            try OAuthClientConfiguration(service: service, provider: shopify, params: ["shop": value, "other": "ok"])
        }
        #expect(error.code == "invalid_param")
    }

    @Test("a provider's param defaults apply and may be overridden")
    func defaults() throws {
        let microsoft = try #require(ProviderCatalog.bundled.provider("microsoft"))
        let service = Service(id: "ms", provider: "microsoft", clientId: "id", clientSecret: "secret")
        let common = try OAuthClientConfiguration(service: service, provider: microsoft, params: [:])
        #expect(common.tokenUrl == "https://login.microsoftonline.com/common/oauth2/v2.0/token")
        let tenant = try OAuthClientConfiguration(service: service, provider: microsoft, params: ["tenant": "contoso.onmicrosoft.com"])
        #expect(tenant.authorizationUrl == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize")
    }
}
