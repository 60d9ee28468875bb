import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import KeywaySandbox
import Testing

@Suite("Generic sandbox provider")
struct GenericSandboxTests {
    @Test("a plain provider: consent form, code, top-level token with expires_in, Bearer API, stats")
    func plain() async throws {
        try await withGeneric { client, sandbox in
            let page = try await client.http.get("/oauth/authorize?" + query(client.authorizationFields(scope: "read write")))
            #expect(page.status == .ok)
            let html = text(page)
            #expect(html.contains(#"<form method="post" action="/oauth/authorize">"#))
            #expect(html.contains(#"<input type="hidden" name="scope" value="read write">"#))
            #expect(html.contains(#"name="decision" value="allow""#))

            let body = try await client.connect(scope: "read write")
            #expect(body["token_type"] as? String == "bearer")
            #expect(body["expires_in"] as? Int == 3600)
            #expect(body["scope"] as? String == "read write")
            let token = try #require(body["access_token"] as? String)
            #expect((body["refresh_token"] as? String)?.hasPrefix("gen-rt-") == true)

            let me = try await client.me("Authorization", "Bearer \(token)")
            #expect(me.status == .ok)
            #expect(try json(me)["scopes"] as? [String] == ["read", "write"])
            let none = try await client.http.get("/api/me")
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate]?.contains("invalid_token") == true)
            #expect(sandbox.stats() == SandboxGenericStats(tokenRequests: ["authorization_code": 1, "refresh_token": 0], apiRequests: 2))
        }
    }

    @Test("deny, single-use codes, redirect_uri mismatch and PKCE")
    func codes() async throws {
        try await withGeneric { client, _ in
            let denied = try queryItems(of: try await client.decide(scope: "read", decision: "deny"))
            #expect(denied["error"] == "access_denied")
            #expect(denied["state"] == "st-1")

            let code = try #require(try await client.authorize()["code"])
            #expect(try await client.exchange(code).status == .ok)
            let again = try await client.exchange(code)
            #expect(again.status == .badRequest)
            #expect(try json(again)["error"] as? String == "invalid_grant")

            let other = try #require(try await client.authorize()["code"])
            let mismatch = try await client.tokenRequest([
                ("grant_type", "authorization_code"), ("code", other), ("redirect_uri", "http://127.0.0.1:9/elsewhere"),
            ])
            #expect(try json(mismatch)["error"] as? String == "invalid_grant")

            let verifier = String(repeating: "v", count: 50)
            let challenge = Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            let pkce = [("code_challenge", challenge), ("code_challenge_method", "S256")]
            let wrong = try #require(try await client.authorize(extra: pkce)["code"])
            #expect(try await client.exchange(wrong, verifier: "not-it").status == .badRequest)
            let right = try #require(try await client.authorize(extra: pkce)["code"])
            #expect(try await client.exchange(right, verifier: verifier).status == .ok)
        }
    }

    @Test("comma-separated scopes: a,b is granted, a b is refused with invalid_scope")
    func commaScopes() async throws {
        try await withGeneric(SandboxGenericOptions(scopeSeparator: ",")) { client, _ in
            let body = try await client.connect(scope: "read_products,write_orders")
            #expect(body["scope"] as? String == "read_products,write_orders")
            let refused = try queryItems(of: try await client.decide(scope: "read_products write_orders"))
            #expect(refused["error"] == "invalid_scope")
            #expect(refused["code"] == nil)
        }
    }

    @Test("Basic only: credentials in the body are refused with 401 invalid_client")
    func basicOnly() async throws {
        try await withGeneric(SandboxGenericOptions(clientAuthentication: .basic)) { client, _ in
            let inBody = try await client.exchange(try #require(try await client.authorize()["code"]), basic: false)
            #expect(inBody.status == .unauthorized)
            #expect(try json(inBody)["error"] as? String == "invalid_client")
            #expect(inBody.headers[.wwwAuthenticate] != nil)
            #expect(try await client.exchange(try #require(try await client.authorize()["code"]), basic: true).status == .ok)
        }
        try await withGeneric(SandboxGenericOptions(clientAuthentication: .formBody)) { client, _ in
            let basic = try await client.exchange(try #require(try await client.authorize()["code"]), basic: true)
            #expect(basic.status == .unauthorized)
        }
    }

    @Test("rotating refresh tokens retire the used one; reused ones stay valid and are not repeated")
    func refreshModes() async throws {
        try await withGeneric(SandboxGenericOptions(refreshTokens: .rotate)) { client, _ in
            let first = try #require(try await client.connect()["refresh_token"] as? String)
            let refreshed = try json(try await client.refresh(first))
            let second = try #require(refreshed["refresh_token"] as? String)
            #expect(second != first)
            #expect(try json(try await client.refresh(first))["error"] as? String == "invalid_grant")
            #expect(try await client.refresh(second).status == .ok)
        }
        try await withGeneric(SandboxGenericOptions(refreshTokens: .reuse)) { client, _ in
            let first = try #require(try await client.connect()["refresh_token"] as? String)
            let refreshed = try json(try await client.refresh(first))
            #expect(refreshed["refresh_token"] == nil)
            #expect(refreshed["access_token"] is String)
            #expect(try await client.refresh(first).status == .ok)
        }
        try await withGeneric(SandboxGenericOptions(tokenLifetime: nil, refreshTokens: .none)) { client, _ in
            let body = try await client.connect()
            #expect(body["refresh_token"] == nil)
            #expect(body["expires_in"] == nil)
            #expect(try json(try await client.refresh("anything"))["error"] as? String == "unsupported_grant_type")
        }
    }

    @Test("Slack-like: authed_user at the exchange, top level at refresh, user_scope only, errors as 200 ok:false")
    func slackLike() async throws {
        try await withGeneric(.slackLike()) { client, _ in
            let body = try await client.connect(scope: "chat:write,channels:read")
            #expect(body["ok"] as? Bool == true)
            #expect(body["access_token"] == nil)
            #expect((body["team"] as? [String: Any])?["id"] as? String == "T0SANDBOX01")
            let user = try #require(body["authed_user"] as? [String: Any])
            #expect(user["token_type"] as? String == "user")
            #expect(user["scope"] as? String == "chat:write,channels:read")
            #expect(user["expires_in"] as? Int == 43_200)
            let refreshToken = try #require(user["refresh_token"] as? String)

            let refreshed = try json(try await client.refresh(refreshToken))
            #expect(refreshed["ok"] as? Bool == true)
            #expect(refreshed["authed_user"] == nil)
            #expect(refreshed["access_token"] is String)
            #expect(refreshed["refresh_token"] is String)

            let dead = try await client.refresh(refreshToken)
            #expect(dead.status == .ok)
            #expect(try json(dead)["ok"] as? Bool == false)
            #expect(try json(dead)["error"] as? String == "invalid_refresh_token")

            let bot = try queryItems(
                of: try await client.http.postForm(
                    "/oauth/authorize", client.authorizationFields(scope: "chat:write") + [("scope", "commands"), ("decision", "allow")]))
            #expect(bot["error"] == "invalid_scope")
        }
    }

    @Test("Salesforce-like: no expires_in, instance_url is the sandbox's own base URL")
    func salesforceLike() async throws {
        try await withGeneric(.salesforceLike()) { client, _ in
            let body = try await client.connect()
            #expect(body["expires_in"] == nil)
            let instance = try #require(body["instance_url"] as? String)
            // The authority the client used (this test client sends Host: localhost) and the mount's path.
            #expect(instance.hasPrefix("http://localhost") || instance.hasPrefix("http://127.0.0.1"))
            #expect(!instance.hasSuffix("/oauth/token"))
            #expect((body["id"] as? String)?.hasPrefix(instance + "/id/") == true)
            let refreshed = try json(try await client.refresh(try #require(body["refresh_token"] as? String)))
            #expect(refreshed["instance_url"] as? String == instance)
            #expect(refreshed["refresh_token"] == nil)
        }
    }

    @Test("QuickBooks-like: realmId on the callback; the company route accepts that company only")
    func quickBooksLike() async throws {
        try await withGeneric(.quickBooksLike(companyId: "123145")) { client, _ in
            let callback = try await client.authorize()
            #expect(callback["realmId"] == "123145")
            let body = try json(try await client.exchange(try #require(callback["code"])))
            let token = try #require(body["access_token"] as? String)
            #expect(try await client.me("Authorization", "Bearer \(token)", path: "/api/company/123145/me").status == .ok)
            #expect(try await client.me("Authorization", "Bearer \(token)", path: "/api/company/999/me").status == .forbidden)
        }
    }

    @Test("Shopify-like: the token in X-Shopify-Access-Token works, as Bearer it is refused; shop on the callback")
    func shopifyLike() async throws {
        try await withGeneric(.shopifyLike(shop: "contoso")) { client, _ in
            let callback = try await client.authorize(scope: "read_products")
            #expect(callback["shop"] == "contoso.myshopify.com")
            let body = try json(try await client.exchange(try #require(callback["code"])))
            let token = try #require(body["access_token"] as? String)
            #expect(try await client.me("X-Shopify-Access-Token", token).status == .ok)
            let bearer = try await client.me("Authorization", "Bearer \(token)")
            #expect(bearer.status == .unauthorized)
            #expect((try json(bearer)["errors"] as? String)?.contains("Invalid API key") == true)
        }
    }

    @Test("an expired token is refused")
    func expired() async throws {
        try await withGeneric(SandboxGenericOptions(tokenLifetime: .zero)) { client, _ in
            let token = try #require(try await client.connect()["access_token"] as? String)
            let me = try await client.me("Authorization", "Bearer \(token)")
            #expect(me.status == .unauthorized)
            #expect(try json(me)["error_description"] as? String == "The access token expired.")
        }
    }
}
