import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import KeywaySandbox
import Testing

@Suite("Token endpoints")
struct TokenTests {
    @Test("allow, code, token: HubSpot's v1 response with client credentials in the body")
    func exchangeInBody() async throws {
        try await withSandbox { client, _ in
            let code = try await client.authorize()
            #expect(code.hasPrefix("sbx-code-"))
            let response = try await client.exchange(code: code)
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-store")
            let body = try json(response)
            #expect(body["token_type"] as? String == "bearer")
            #expect((body["access_token"] as? String)?.hasPrefix("sbx-at-") == true)
            #expect((body["refresh_token"] as? String)?.hasPrefix("sbx-rt-") == true)
            #expect(body["expires_in"] as? Int == 1800)
            #expect(body["hub_id"] as? Int == 62515)
            #expect(
                body["scopes"] as? [String] == ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"]
            )
        }
    }

    @Test("client credentials as HTTP Basic work on both endpoints")
    func exchangeWithBasic() async throws {
        try await withSandbox { client, _ in
            let v1 = try await client.exchange(code: try await client.authorize(), basic: true)
            #expect(v1.status == .ok)
            let v3 = try await client.exchange(
                code: try await client.authorize(),
                endpoint: "/oauth/2026-03/token",
                basic: true
            )
            #expect(v3.status == .ok)
            let body = try json(v3)
            #expect(body["token_use"] as? String == "access_token")
            #expect(body["user_id"] as? Int != nil)
            #expect(body["hub_id"] as? Int == 62515)
        }
    }

    @Test("a code works once")
    func codeReuse() async throws {
        try await withSandbox { client, _ in
            let code = try await client.authorize()
            #expect(try await client.exchange(code: code).status == .ok)
            let again = try await client.exchange(code: code)
            #expect(again.status == .badRequest)
            let body = try json(again)
            #expect(body["status"] as? String == "BAD_AUTH_CODE")
            #expect(body["error"] as? String == "invalid_grant")
            #expect((body["correlationId"] as? String)?.isEmpty == false)
            let unknown = try await client.exchange(code: "sbx-code-made-up")
            #expect(try json(unknown)["status"] as? String == "BAD_AUTH_CODE")
        }
    }

    @Test("the token request's redirect_uri must equal the authorization request's")
    func redirectMismatch() async throws {
        try await withSandbox { client, _ in
            let code = try await client.authorize()
            let wrong = try await client.exchange(code: code, redirectURI: "http://127.0.0.1:8765/other")
            #expect(wrong.status == .badRequest)
            #expect(try json(wrong)["status"] as? String == "BAD_REDIRECT_URI")
            let v3 = try await client.exchange(
                code: code,
                redirectURI: "http://127.0.0.1:8765/other",
                endpoint: "/oauth/2026-03/token"
            )
            #expect(v3.status == .badRequest)
            #expect(try json(v3)["error"] as? String == "invalid_grant")
            #expect(try await client.exchange(code: code).status == .ok)
        }
    }

    @Test("PKCE S256: the right verifier passes, a wrong or missing one is refused")
    func pkceS256() async throws {
        try await withSandbox { client, _ in
            let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
            let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"  // RFC 7636, appendix B
            let pkce = [("code_challenge", challenge), ("code_challenge_method", "S256")]
            let code = try await client.authorize(extra: pkce)
            let wrong = try await client.exchange(code: code, verifier: "not-the-verifier-at-all-0000000000000000000")
            #expect(wrong.status == .badRequest)
            let body = try json(wrong)
            #expect(body["error"] as? String == "invalid_grant")
            #expect(body["status"] as? String == "BAD_AUTH_CODE")
            let missing = try await client.exchange(code: code, endpoint: "/oauth/2026-03/token")
            #expect(missing.status == .badRequest)
            #expect(try json(missing)["error"] as? String == "invalid_grant")
            let passed = try await client.exchange(code: code, verifier: verifier)
            #expect(passed.status == .ok, "\(text(passed))")
        }
    }

    @Test("PKCE plain compares the verifier as is")
    func pkcePlain() async throws {
        try await withSandbox { client, _ in
            let code = try await client.authorize(extra: [("code_challenge", "plain-verifier-value")])
            #expect(try await client.exchange(code: code, verifier: "other").status == .badRequest)
            #expect(try await client.exchange(code: code, verifier: "plain-verifier-value").status == .ok)
        }
    }

    @Test("without rotation a refresh returns the same refresh token and a new access token")
    func refreshWithoutRotation() async throws {
        try await withSandbox { client, _ in
            let first = try await client.connect()
            let refreshToken = try #require(first["refresh_token"] as? String)
            let response = try await client.refresh(refreshToken)
            #expect(response.status == .ok)
            let second = try json(response)
            #expect(second["refresh_token"] as? String == refreshToken)
            #expect(second["access_token"] as? String != first["access_token"] as? String)
            #expect(try await client.refresh(refreshToken).status == .ok)
            let oldAccess = try #require(first["access_token"] as? String)
            #expect(try await client.get("/crm/v3/objects/contacts", headers: bearer(oldAccess)).status == .ok)
        }
    }

    @Test("with rotation a refresh returns a new refresh token and the old one stops working")
    func refreshWithRotation() async throws {
        try await withSandbox(SandboxOptions(rotateRefreshTokens: true)) { client, _ in
            let first = try await client.connect()
            let old = try #require(first["refresh_token"] as? String)
            let response = try await client.refresh(old, endpoint: "/oauth/2026-03/token")
            #expect(response.status == .ok)
            let new = try #require(try json(response)["refresh_token"] as? String)
            #expect(new != old)
            let refused = try await client.refresh(old)
            #expect(refused.status == .badRequest)
            #expect(try json(refused)["status"] as? String == "BAD_REFRESH_TOKEN")
            let refusedV3 = try await client.refresh(old, endpoint: "/oauth/2026-03/token")
            #expect(refusedV3.status == .badRequest)
            #expect(try json(refusedV3)["error"] as? String == "invalid_grant")
            #expect(try await client.refresh(new).status == .ok)
        }
    }

    @Test("v1 answers client and grant-type errors with HubSpot statuses, 400")
    func v1ErrorShapes() async throws {
        try await withSandbox { client, _ in
            let cases: [([(String, String)], String)] = [
                (
                    [("grant_type", "password"), ("client_id", clientId), ("client_secret", clientSecret)],
                    "BAD_GRANT_TYPE"
                ),
                ([("grant_type", "refresh_token"), ("refresh_token", "x"), ("client_id", "nope")], "BAD_CLIENT_ID"),
                (
                    [
                        ("grant_type", "refresh_token"), ("refresh_token", "x"), ("client_id", clientId),
                        ("client_secret", "bad"),
                    ],
                    "BAD_CLIENT_SECRET"
                ),
                (
                    [
                        ("grant_type", "refresh_token"), ("refresh_token", "x"), ("client_id", clientId),
                        ("client_secret", clientSecret),
                    ],
                    "BAD_REFRESH_TOKEN"
                ),
            ]
            for (pairs, status) in cases {
                let response = try await client.postForm("/oauth/v1/token", pairs)
                #expect(response.status == .badRequest, "\(status)")
                let body = try json(response)
                #expect(body["status"] as? String == status)
                #expect((body["message"] as? String)?.isEmpty == false)
                #expect((body["correlationId"] as? String)?.count == 36)
            }
        }
    }

    @Test("2026-03 answers with RFC 6749 errors: invalid_client is 401, the rest 400")
    func v3ErrorShapes() async throws {
        try await withSandbox { client, _ in
            let cases: [([(String, String)], String, HTTPResponse.Status)] = [
                (
                    [("grant_type", "password"), ("client_id", clientId), ("client_secret", clientSecret)],
                    "unsupported_grant_type", .badRequest
                ),
                ([("client_id", clientId), ("client_secret", clientSecret)], "invalid_request", .badRequest),
                (
                    [
                        ("grant_type", "refresh_token"), ("refresh_token", "x"), ("client_id", clientId),
                        ("client_secret", "bad"),
                    ], "invalid_client", .unauthorized
                ),
                (
                    [("grant_type", "authorization_code"), ("client_id", clientId), ("client_secret", clientSecret)],
                    "invalid_request", .badRequest
                ),
                (
                    [
                        ("grant_type", "refresh_token"), ("refresh_token", "x"), ("client_id", clientId),
                        ("client_secret", clientSecret),
                    ], "invalid_grant", .badRequest
                ),
            ]
            for (pairs, error, status) in cases {
                let response = try await client.postForm("/oauth/2026-03/token", pairs)
                #expect(response.status == status, "\(error)")
                let body = try json(response)
                #expect(body["error"] as? String == error)
                #expect((body["error_description"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test("2026-03 reads parameters from the body only, not the query")
    func v3IgnoresQuery() async throws {
        try await withSandbox { client, _ in
            let code = try await client.authorize()
            let params = query([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", callback),
                ("client_id", clientId), ("client_secret", clientSecret),
            ])
            let response = try await client.postForm("/oauth/2026-03/token?" + params, [])
            #expect(response.status == .badRequest)
            #expect(try json(response)["error"] as? String == "invalid_request")
        }
    }
}
