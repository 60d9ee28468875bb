import Foundation
import KeywayCore
import Testing

@Suite("Authorization and token requests")
struct OAuthRequestTests {
    func configuration(
        provider: Provider = ProviderCatalog.bundled.provider("hubspot")!, service: Service? = nil,
        params: [String: String] = [:]
    ) throws -> OAuthClientConfiguration {
        try OAuthClientConfiguration(
            service: service ?? Service(id: "s", provider: provider.id, clientId: "id 1", clientSecret: "s&cret"),
            provider: provider, params: params)
    }

    @Test("the authorization URL carries client, redirect, scopes, state and the S256 challenge")
    func authorizationURL() throws {
        var custom = Service(
            id: "c", provider: "custom", clientId: "cid", clientSecret: "sec", scopes: ["a", "b"],
            authorizationParams: ["prompt": "consent"], authorizationUrl: "https://auth.example/authorize?x=1",
            tokenUrl: "https://auth.example/token")
        custom.pkce = true
        let url = AuthorizationRequest(
            configuration: try configuration(provider: .custom, service: custom),
            redirectUri: "https://keyway.example/v1/oauth/callback", state: "st", codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        ).url
        let items = Dictionary(uniqueKeysWithValues: (URLComponents(string: url)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(url.hasPrefix("https://auth.example/authorize?x=1&"))
        #expect(items["response_type"] == "code")
        #expect(items["client_id"] == "cid")
        #expect(items["redirect_uri"] == "https://keyway.example/v1/oauth/callback")
        #expect(items["scope"] == "a b")
        #expect(items["state"] == "st")
        #expect(items["code_challenge"] == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(items["code_challenge_method"] == "S256")
        #expect(items["prompt"] == "consent")
    }

    @Test("client_secret_post puts the client in the body; client_secret_basic in a form-encoded Basic header")
    func clientAuthentication() throws {
        var service = Service(id: "s", provider: "hubspot", clientId: "id 1", clientSecret: "s&cret")
        let post = TokenRequest(grant: .refreshToken("rt"), configuration: try configuration(service: service))
        #expect(post.body.contains("client_id=id%201"))
        #expect(post.body.contains("client_secret=s%26cret"))
        #expect(post.body.hasPrefix("grant_type=refresh_token&refresh_token=rt"))
        #expect(post.headers.isEmpty)

        service.tokenAuthMethod = .clientSecretBasic
        let basic = TokenRequest(
            grant: .authorizationCode(code: "c", redirectUri: "https://k/cb", codeVerifier: "v"),
            configuration: try configuration(service: service))
        #expect(!basic.body.contains("client_secret"))
        #expect(basic.body.contains("code_verifier=v"))
        let header = try #require(basic.headers.first { $0.0 == "Authorization" }?.1)
        let decoded = String(decoding: Data(base64Encoded: String(header.dropFirst(6)))!, as: UTF8.self)
        #expect(decoded == "id%201:s%26cret")
    }

    @Test("templated URLs are filled from params; a missing one is named; a malformed one is refused")
    func templates() throws {
        var provider = Provider.custom
        provider.authorizationUrl = "https://{shop}.myshopify.com/admin/oauth/authorize"
        provider.tokenUrl = "https://{shop}.myshopify.com/admin/oauth/access_token"
        provider.params = ["shop"]
        let service = Service(id: "s", provider: "custom", clientId: "c", clientSecret: "s")
        let filled = try configuration(provider: provider, service: service, params: ["shop": "contoso"])
        #expect(filled.authorizationUrl == "https://contoso.myshopify.com/admin/oauth/authorize")
        let missing = #expect(throws: KeywayError.self) { try configuration(provider: provider, service: service) }
        #expect(missing?.code == "missing_param")
        #expect(missing?.message.contains("shop") == true)
        #expect(throws: KeywayError.self) {
            try configuration(provider: provider, service: service, params: ["shop": "evil.com/x?"])
        }
    }

    @Test("the documented defaults: sessions last 10 minutes, tokens due within 5 minutes are refreshed first")
    func defaults() {
        let configuration = KeywayConfiguration(publicURL: "https://keyway.example.com")
        #expect(configuration.sessionLifetime == 600)
        #expect(configuration.refreshMargin == 300)
    }
}
