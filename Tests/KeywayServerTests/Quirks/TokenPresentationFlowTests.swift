import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Shopify takes the token in `X-Shopify-Access-Token`, not `Authorization: Bearer`.
///
/// The catalog entry (and `GET /v1/providers/shopify`) says how to present the token; the proxy attaches it
/// that way, and a provider that wants that header refuses a Bearer token.
@Suite("Quirk: the token presented in a named header")
struct TokenPresentationFlowTests {
    @Test("GET /v1/providers/shopify names the header with no prefix")
    func catalogSaysHow() async throws {
        try await Harness.run { h in
            let shopify = try await h.providerJSON("shopify")
            #expect(shopify["tokenPresentation"] as? [String: String] == ["header": "X-Shopify-Access-Token", "prefix": ""])
            let hubspot = try await h.providerJSON("hubspot")
            #expect(hubspot["tokenPresentation"] as? [String: String] == ["header": "Authorization", "prefix": "Bearer "])
        }
    }

    @Test("a shopify token works in X-Shopify-Access-Token and is refused as Bearer")
    func headerNotBearer() async throws {
        let shop = SandboxGeneric(options: .shopifyLike(shop: "contoso"))
        try await Harness.run(generic: ["shopify/contoso": shop]) { h in
            try await h.pointService(
                "shopify", provider: "shopify", at: "shopify/contoso", scopes: ["read_products", "write_orders"],
                root: h.base + Harness.genericPath("shopify/{shop}"))
            let id = try await h.connect(service: "shopify", params: ["shop": "contoso"])
            let token = try #require(try await h.token(service: "shopify", identity: id)["accessToken"] as? String)
            let api = h.genericURL("shopify/contoso") + "/api/me"

            let asEntrySays = try await h.callAPI(api, token: token, asProvider: "shopify")
            #expect(asEntrySays.status == 200, "\(asEntrySays.body)")
            #expect(asEntrySays.json["scopes"] as? [String] == ["read_products", "write_orders"])
            let asBearer = try await h.http.get(api, headers: [("Authorization", "Bearer \(token)")], authorized: false)
            #expect(asBearer.status == 401)
            #expect((asBearer.json["errors"] as? String)?.contains("Invalid API key or access token") == true)
        }
    }

    @Test("the proxy presents a shopify token in X-Shopify-Access-Token, on the shop's templated API base")
    func proxyPresentsHeader() async throws {
        let shop = SandboxGeneric(options: .shopifyLike(shop: "contoso"))
        try await Harness.run(generic: ["shopify/contoso": shop]) { h in
            try await h.pointService(
                "shopify", provider: "shopify", at: "shopify/contoso", scopes: ["read_products"],
                root: h.base + Harness.genericPath("shopify/{shop}"))
            let id = try await h.connect(service: "shopify", params: ["shop": "contoso"])
            let answer = try await h.http.get("\(h.api)/proxy/shopify/api/me", headers: [("Keyway-Identity", id)])
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.json["scopes"] as? [String] == ["read_products"])
        }
    }
}
