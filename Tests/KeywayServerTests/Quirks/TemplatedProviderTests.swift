import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Providers whose hosts depend on the customer (Shopify's shop, Zendesk's subdomain) take the values as session
/// params, keep them as identity metadata and use them again at every refresh.
@Suite("Templated providers")
struct TemplatedProviderTests {
    @Test("a session without a required param is refused with 400 missing_param naming it")
    func missingParam() async throws {
        try await Harness.run { h in
            try await h.configureCatalogService("shopify", provider: "shopify", scopes: ["read_products"])
            let answer = try await h.http.post(
                "\(h.api)/services/shopify/sessions", json: #"{"tags":{"tenantId":"contoso"},"finishedUrl":"http://127.0.0.1:9/done"}"#)
            #expect(answer.status == 400)
            #expect(answer.errorCode == "missing_param")
            #expect((answer.json["message"] as? String)?.contains("'shop'") == true)
        }
    }

    @Test("a param that would change the host is refused with 400 invalid_param", arguments: ["evil.com/x", "evil.com", "a b", "..", ""])
    func invalidParam(value: String) async throws {
        try await Harness.run { h in
            try await h.configureCatalogService("shopify", provider: "shopify", scopes: ["read_products"])
            let body = try JSONSerialization.data(
                withJSONObject: ["finishedUrl": "http://127.0.0.1:9/done", "params": ["shop": value]])
            let answer = try await h.http.post("\(h.api)/services/shopify/sessions", json: String(decoding: body, as: UTF8.self))
            #expect(answer.status == 400)
            #expect(answer.errorCode == "invalid_param")
        }
    }

    @Test("a whole-host param takes only the provider's documented hosts; a param of no URL is refused")
    func hostParams() async throws {
        try await Harness.run { h in
            try await h.configureCatalogService("zoho", provider: "zoho", scopes: ["ZohoCRM.modules.ALL"])
            let cases: [([String: String], Int, String?)] = [
                (["accounts_host": "accounts.evil.example"], 400, "invalid_param"),
                (["api_domain": "https://evil.example"], 400, "unknown_param"),
                (["accounts_host": "accounts.zoho.eu"], 201, nil),
            ]
            for (params, status, code) in cases {
                let body = try JSONSerialization.data(
                    withJSONObject: ["finishedUrl": "http://127.0.0.1:9/done", "tags": ["tenantId": "c"], "params": params])
                let answer = try await h.http.post("\(h.api)/services/zoho/sessions", json: String(decoding: body, as: UTF8.self))
                #expect(answer.status == status, "\(params) → \(answer.body)")
                #expect(answer.errorCode == code, "\(params)")
            }
        }
    }

    @Test("a callback naming an unlisted Zoho accounts-server ends with invalid_param before any exchange")
    func zohoCallbackHost() async throws {
        try await Harness.run { h in
            try await h.configureCatalogService("zoho", provider: "zoho", scopes: ["ZohoCRM.modules.ALL"])
            let connect = try await h.http.get(try await h.createSession(service: "zoho"), authorized: false)
            let consent = try #require(connect.location)
            #expect(consent.hasPrefix("https://accounts.zoho.com/oauth/v2/auth?"))
            let state = try #require(queryItems(consent)["state"])
            let callback = try await h.http.get(
                "\(h.api)/oauth/callback/zoho?state=\(state)&code=c&location=eu&accounts-server=https%3A%2F%2Faccounts.evil.example",
                authorized: false)
            #expect(callback.status == 302)
            let finished = queryItems(callback.location ?? "")
            #expect(finished["error"] == "invalid_param", "\(callback.location ?? "")")
            #expect(try await h.store.countIdentities(serviceId: "zoho") == 0)
        }
    }

    @Test("the connect redirect goes to the shop's own authorize URL, scopes comma-joined")
    func shopifyAuthorizeURL() async throws {
        try await Harness.run { h in
            try await h.configureCatalogService("shopify", provider: "shopify", scopes: ["read_products", "write_orders"])
            let connectURL = try await h.createSession(service: "shopify", params: ["shop": "contoso"])
            let connect = try await h.http.get(connectURL, authorized: false)
            #expect(connect.status == 302)
            let location = try #require(connect.location)
            #expect(location.hasPrefix("https://contoso.myshopify.com/admin/oauth/authorize?"))
            let query = queryItems(location)
            #expect(query["client_id"] == "shopify-client-id")
            #expect(query["scope"] == "read_products,write_orders")
            #expect(query["redirect_uri"] == "\(h.api)/oauth/callback/shopify")
            #expect(query["response_type"] == "code")
            #expect(query["state"]?.count ?? 0 >= 43)
        }
    }

    @Test("the param is kept as metadata and fills the token URL at every refresh")
    func paramUsedAtRefresh() async throws {
        let contoso = SandboxGeneric(options: .shopifyLike(shop: "contoso"))
        let fabrikam = SandboxGeneric(options: .shopifyLike(shop: "fabrikam"))
        try await Harness.run(generic: ["shopify/contoso": contoso, "shopify/fabrikam": fabrikam]) { h in
            try await h.pointService(
                "shopify", provider: "shopify", at: "shopify/contoso", scopes: ["read_products"],
                root: h.base + Harness.genericPath("shopify/{shop}"))
            let id = try await h.connect(service: "shopify", params: ["shop": "contoso"])
            let metadata = try await h.metadata(service: "shopify", identity: id)
            #expect(metadata["shop"] == "contoso", "the callback's full shop domain does not replace the param")
            #expect(metadata["scope"] == "read_products")

            for round in 1...2 {
                h.clock.advance(by: 3600)
                let token = try #require(try await h.token(service: "shopify", identity: id)["accessToken"] as? String)
                #expect(contoso.stats().tokenRequests["refresh_token"] == round)
                let me = try await h.callAPI(
                    h.genericURL("shopify/contoso") + "/api/me", token: token, asProvider: "shopify")
                #expect(me.status == 200)
            }
            #expect(fabrikam.stats().tokenRequests == ["authorization_code": 0, "refresh_token": 0])
        }
    }
}
