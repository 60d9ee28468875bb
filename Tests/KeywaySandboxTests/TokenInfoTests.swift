import Foundation
import Hummingbird
import HummingbirdTesting
import KeywaySandbox
import Testing

@Suite("Token metadata, introspection and revocation")
struct TokenInfoTests {
    @Test("access-token info shows the hub, user, scopes and remaining lifetime")
    func accessTokenInfo() async throws {
        try await withSandbox { client, _ in
            let tokens = try await client.connect()
            let accessToken = try #require(tokens["access_token"] as? String)
            let response = try await client.get("/oauth/v1/access-tokens/\(accessToken)")
            #expect(response.status == .ok)
            let info = try json(response)
            #expect(info["token"] as? String == accessToken)
            #expect(info["hub_id"] as? Int == 62515)
            #expect(info["token_type"] as? String == "access")
            #expect((info["user"] as? String)?.contains("@") == true)
            #expect(info["user_id"] as? Int != nil)
            #expect(info["app_id"] as? Int != nil)
            #expect((info["hub_domain"] as? String)?.isEmpty == false)
            #expect(
                info["scopes"] as? [String] == ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"]
            )
            let expiresIn = try #require(info["expires_in"] as? Int)
            #expect(expiresIn > 1700 && expiresIn <= 1800)
        }
    }

    @Test("an unknown access token is a 404 with HubSpot's error body")
    func unknownAccessToken() async throws {
        try await withSandbox { client, _ in
            let response = try await client.get("/oauth/v1/access-tokens/sbx-at-unknown")
            #expect(response.status == .notFound)
            let body = try json(response)
            #expect(body["status"] as? String == "error")
            #expect((body["correlationId"] as? String)?.isEmpty == false)
        }
    }

    @Test("deleting a refresh token revokes it; access tokens stay valid")
    func deleteRefreshToken() async throws {
        try await withSandbox { client, _ in
            let tokens = try await client.connect()
            let refreshToken = try #require(tokens["refresh_token"] as? String)
            let accessToken = try #require(tokens["access_token"] as? String)
            let info = try await client.get("/oauth/v1/refresh-tokens/\(refreshToken)")
            #expect(info.status == .ok)
            #expect(try json(info)["token_type"] as? String == "refresh")
            #expect(try await client.delete("/oauth/v1/refresh-tokens/\(refreshToken)").status == .noContent)
            #expect(try await client.refresh(refreshToken).status == .badRequest)
            #expect(try await client.get("/oauth/v1/refresh-tokens/\(refreshToken)").status == .notFound)
            #expect(try await client.delete("/oauth/v1/refresh-tokens/\(refreshToken)").status == .notFound)
            #expect(try await client.get("/oauth/v1/access-tokens/\(accessToken)").status == .ok)
        }
    }

    @Test("2026-03 introspection: active metadata for live tokens, active false otherwise, 401 for a bad client")
    func introspect() async throws {
        try await withSandbox { client, _ in
            let tokens = try await client.connect()
            let accessToken = try #require(tokens["access_token"] as? String)
            let refreshToken = try #require(tokens["refresh_token"] as? String)
            let credentials = [("client_id", clientId), ("client_secret", clientSecret)]
            let access = try json(
                try await client.postForm("/oauth/2026-03/token/introspect", credentials + [("token", accessToken)])
            )
            #expect(access["active"] as? Bool == true)
            #expect(access["token_use"] as? String == "access_token")
            #expect(access["client_id"] as? String == clientId)
            #expect(access["hub_id"] as? Int == 62515)
            let refresh = try json(
                try await client.postForm(
                    "/oauth/2026-03/token/introspect",
                    credentials + [("token", refreshToken), ("token_type_hint", "refresh_token")]
                )
            )
            #expect(refresh["active"] as? Bool == true)
            #expect(refresh["token_use"] as? String == "refresh_token")
            let unknown = try json(
                try await client.postForm("/oauth/2026-03/token/introspect", credentials + [("token", "nope")])
            )
            #expect(unknown["active"] as? Bool == false)
            #expect(unknown.count == 1)
            let badClient = try await client.postForm(
                "/oauth/2026-03/token/introspect",
                [("client_id", clientId), ("client_secret", "wrong"), ("token", accessToken)]
            )
            #expect(badClient.status == .unauthorized)
            #expect(try json(badClient)["error"] as? String == "invalid_client")
        }
    }

    @Test("2026-03 revocation retires the refresh token")
    func revoke() async throws {
        try await withSandbox { client, _ in
            let tokens = try await client.connect()
            let refreshToken = try #require(tokens["refresh_token"] as? String)
            let credentials = [("client_id", clientId), ("client_secret", clientSecret)]
            let response = try await client.postForm(
                "/oauth/2026-03/token/revoke",
                credentials + [("token", refreshToken)]
            )
            #expect(response.status == .ok)
            #expect(try await client.refresh(refreshToken).status == .badRequest)
            let again = try await client.postForm(
                "/oauth/2026-03/token/revoke",
                credentials + [("token", refreshToken)]
            )
            #expect(again.status == .ok)
        }
    }
}
