import Foundation
import KeywayCore
import Testing

/// Session params fill URL placeholders but never choose where a secret or token is sent.
@Suite("Placeholder values")
struct PlaceholderValuesTests {
    func service(_ provider: String, authorizationUrl: String? = nil, tokenUrl: String? = nil) -> Service {
        Service(
            id: "svc", provider: provider, clientId: "id", clientSecret: "secret", authorizationUrl: authorizationUrl,
            tokenUrl: tokenUrl)
    }

    func check(_ provider: String, _ params: [String: String], service: Service? = nil) throws(KeywayError) {
        let entry = ProviderCatalog.bundled.provider(provider)!
        try PlaceholderValues.validate(params, service: service ?? self.service(provider), provider: entry)
    }

    /// The code of the error `body` throws, or nil when it throws none.
    func code(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as KeywayError {
            return error.code
        } catch {
            return "\(error)"
        }
    }

    @Test("a label in front of a fixed domain takes one DNS label, never a host of its own")
    func label() {
        #expect(code { try check("shopify", ["shop": "contoso"]) } == nil)
        #expect(code { try check("zendesk", ["subdomain": "acme-support"]) } == nil)
        for value in ["evil.com", "contoso.myshopify.com.evil.io", "-x", "a_b", "evil.com/x", ".."] {
            #expect(code { try check("shopify", ["shop": value]) } == "invalid_param", "\(value)")
        }
    }

    @Test("whole hosts and host ends take only the documented values", arguments: [
        ("zoho", "accounts_host", "accounts.zoho.eu", "accounts.evil.example"),
        ("okta", "domain", "contoso.okta.com", "okta.com.evil.example"),
        ("auth0", "domain", "contoso.us.auth0.com", "evil.example"),
        ("smartsheet", "region", "eu", "evil.example"),
        ("intercom", "api_host", "api.eu.intercom.io", "evil.example"),
        ("gitlab", "host", "gitlab.com", "gitlab.evil.example"),
        ("docusign", "auth_host", "account-d.docusign.com", "localhost"),
    ])
    func listed(provider: String, name: String, good: String, bad: String) {
        #expect(code { try check(provider, [name: good]) } == nil, "\(provider) \(good)")
        #expect(code { try check(provider, [name: bad]) } == "invalid_param", "\(provider) \(bad)")
        #expect(code { try check(provider, [name: good.uppercased()]) } == nil, "hosts compare without case")
    }

    @Test("a path segment takes dots, not slashes or '..'")
    func path() {
        #expect(code { try check("microsoft", ["tenant": "contoso.onmicrosoft.com"]) } == nil)
        #expect(code { try check("microsoft", ["tenant": "../common"]) } == "invalid_param")
    }

    @Test("a session may fill only the provider's params, not metadata the provider reports")
    func unknown() {
        #expect(code { try check("salesforce", ["instance_url": "evil.example"]) } == "unknown_param")
        #expect(code { try check("shopify", ["shop": "contoso", "extra": "x"]) } == "unknown_param")
    }

    @Test("Zoho's callback names the user's data centre: the exchange goes there; an unlisted one is refused")
    func zohoDataCentre() throws {
        let zoho = ProviderCatalog.bundled.provider("zoho")!
        let service = service("zoho")
        let query = ["code": "c", "location": "eu", "accounts-server": "https://accounts.zoho.eu"]
        let params = try PlaceholderValues.fromCallback(query, service: service, provider: zoho)
        #expect(params == ["accounts_host": "accounts.zoho.eu"])
        let configuration = try OAuthClientConfiguration(service: service, provider: zoho, params: params)
        #expect(configuration.tokenUrl == "https://accounts.zoho.eu/oauth/v2/token")
        #expect(try PlaceholderValues.fromCallback(["code": "c"], service: service, provider: zoho).isEmpty)
        for evil in ["https://accounts.evil.example", "https://accounts.zoho.eu.evil.example/", "localhost"] {
            #expect(code { _ = try PlaceholderValues.fromCallback(["accounts-server": evil], service: service, provider: zoho) }
                == "invalid_param", "\(evil)")
        }
    }

    @Test("a service's own URLs: a label in front of its domain is fine, a whole host is not for sessions")
    func customTemplates() {
        let labelled = service(
            "custom", authorizationUrl: "https://{tenant}.auth.example.com/authorize",
            tokenUrl: "https://{tenant}.auth.example.com/token")
        #expect(code { try check("custom", ["tenant": "contoso"], service: labelled) } == nil)
        #expect(code { try check("custom", ["tenant": "evil.com"], service: labelled) } == "invalid_param")
        let open = service("custom", authorizationUrl: "https://{host}/authorize", tokenUrl: "https://{host}/token")
        #expect(code { try check("custom", ["host": "localhost"], service: open) } == "invalid_param")
    }
}
