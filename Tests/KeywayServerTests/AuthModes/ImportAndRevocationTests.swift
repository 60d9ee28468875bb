import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Tokens imported from another system refresh like connected ones; deleting an identity revokes its grant
/// where the catalog or the service names a revocation endpoint, unless `?revoke=false`.
@Suite("Token import and revocation")
struct ImportAndRevocationTests {
    @Test("an imported OAuth token whose access token has expired is refreshed with the imported refresh token")
    func importRefreshes() async throws {
        let gen = SandboxGeneric()
        try await Harness.run(catalog: AuthModeCatalog.catalog, generic: ["gen": gen]) { h in
            try await h.pointService("imp", provider: "custom", at: "gen", scopes: ["read"])
            // A grant made elsewhere: connect once, keep the refresh token, drop the identity without revoking.
            let donor = try await h.connect(service: "imp")
            let refreshToken = try #require(try await h.store.identity(serviceId: "imp", id: donor)?.credentials.refreshToken)
            let removed = try await h.http.delete("\(h.api)/services/imp/identities/\(donor)?revoke=false")
            #expect(removed.status == 204)
            #expect(removed.headers.first(name: "keyway-revocation") == "skipped")

            let expired = h.clock.now.addingTimeInterval(-60).rfc3339
            let imported = try await h.createIdentity(
                service: "imp", tags: ["tenantId": "fabrikam"],
                credentials: ["accessToken": "imported-stale", "refreshToken": refreshToken, "expiresAt": expired,
                              "scopes": ["read"]])
            #expect(imported.status == 201, "\(imported.body)")
            #expect(!imported.body.contains(refreshToken))
            let id = try #require(imported.json["id"] as? String)
            let token = try await h.token(service: "imp", identity: id)
            #expect(token["authMode"] as? String == "oauth2")
            #expect(token["accessToken"] as? String != "imported-stale")
            #expect(gen.stats().tokenRequests["refresh_token"] == 1)
            let me = try await h.http.get("\(h.api)/proxy/imp/api/me", headers: [("Keyway-Identity", id)])
            #expect(me.status == 200, "\(me.body)")

            let badDate = try await h.createIdentity(
                service: "imp", tags: ["tenantId": "x"], credentials: ["accessToken": "a", "expiresAt": "tomorrow"])
            #expect(badDate.errorCode == "invalid_credentials")
        }
    }

    @Test("RFC 7009: delete revokes the refresh token at the generic sandbox; ?revoke=false does not reach it")
    func rfc7009() async throws {
        let gen = SandboxGeneric()
        try await Harness.run(catalog: AuthModeCatalog.catalog, generic: ["gen": gen]) { h in
            try await h.pointService(
                "rev", provider: "test-revocable", at: "gen", scopes: ["read"],
                extra: ["revocationUrl": h.genericURL("gen") + "/oauth/revoke"])
            let first = try await h.connect(service: "rev", tags: ["tenantId": "a"])
            let second = try await h.connect(service: "rev", tags: ["tenantId": "b"])
            let refreshToken = try #require(try await h.store.identity(serviceId: "rev", id: first)?.credentials.refreshToken)

            let skipped = try await h.http.delete("\(h.api)/services/rev/identities/\(second)?revoke=false")
            #expect(skipped.status == 204)
            #expect(skipped.headers.first(name: "keyway-revocation") == "skipped")
            #expect(gen.stats().revocations == 0)

            let deleted = try await h.http.delete("\(h.api)/services/rev/identities/\(first)")
            #expect(deleted.status == 204)
            #expect(deleted.headers.first(name: "keyway-revocation") == "revoked")
            #expect(gen.stats().revocations == 1)
            #expect(gen.stats().revokedTokens == 1)
            // The grant is gone at the provider: its refresh token no longer works.
            let refresh = try await h.http.postForm(
                h.genericURL("gen") + "/oauth/token",
                [("grant_type", "refresh_token"), ("refresh_token", refreshToken),
                 ("client_id", gen.options.clientId), ("client_secret", gen.options.clientSecret)])
            #expect(refresh.errorCode == "invalid_grant", "\(refresh.body)")
        }
    }

    @Test("delete by tags revokes each deleted identity's grant at the sandbox; ?revoke=false deletes without reaching it")
    func deleteByTagsRevokes() async throws {
        let gen = SandboxGeneric()
        try await Harness.run(catalog: AuthModeCatalog.catalog, generic: ["gen": gen]) { h in
            try await h.pointService(
                "rev", provider: "test-revocable", at: "gen", scopes: ["read"],
                extra: ["revocationUrl": h.genericURL("gen") + "/oauth/revoke"])
            let first = try await h.connect(service: "rev", tags: ["tenantId": "a", "team": "x"])
            _ = try await h.connect(service: "rev", tags: ["tenantId": "b", "team": "x"])
            let kept = try await h.connect(service: "rev", tags: ["tenantId": "c", "team": "y"])
            let refreshToken = try #require(try await h.store.identity(serviceId: "rev", id: first)?.credentials.refreshToken)

            let deleted = try await h.http.delete("\(h.api)/services/rev/identities?tag=team:x")
            #expect(deleted.status == 200, "\(deleted.body)")
            #expect(deleted.json["deleted"] as? Int == 2)
            #expect(deleted.json["revocations"] as? [String: Int] == ["revoked": 2])
            #expect(gen.stats().revocations == 2)
            #expect(gen.stats().revokedTokens == 2)
            #expect(try await h.store.countIdentities(serviceId: "rev") == 1)
            let refresh = try await h.http.postForm(
                h.genericURL("gen") + "/oauth/token",
                [("grant_type", "refresh_token"), ("refresh_token", refreshToken),
                 ("client_id", gen.options.clientId), ("client_secret", gen.options.clientSecret)])
            #expect(refresh.errorCode == "invalid_grant", "\(refresh.body)")

            let skipped = try await h.http.delete("\(h.api)/services/rev/identities?tag=team:y&revoke=false")
            #expect(skipped.json["deleted"] as? Int == 1, "\(skipped.body)")
            #expect(skipped.json["revocations"] as? [String: Int] == ["skipped": 1])
            #expect(gen.stats().revocations == 2)
            #expect(try await h.store.identity(serviceId: "rev", id: kept) == nil)
        }
    }

    @Test("HubSpot: delete sends DELETE /oauth/v1/refresh-tokens/{token}; a failing endpoint is recorded and the delete stands")
    func hubspot() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            let refreshToken = try #require(try await h.store.identity(serviceId: "hubspot", id: id)?.credentials.refreshToken)
            let deleted = try await h.http.delete("\(h.api)/services/hubspot/identities/\(id)")
            #expect(deleted.status == 204)
            #expect(deleted.headers.first(name: "keyway-revocation") == "revoked")
            let info = try await h.http.get("\(h.sandboxURL)/oauth/v1/refresh-tokens/\(refreshToken)", authorized: false)
            #expect(info.status == 404, "\(info.body)")

            // An endpoint that fails: the identity is deleted all the same, and the failure is logged.
            let definition = try AuthModeCatalog.json(["revocationUrl": "http://127.0.0.1:9/refresh-tokens/{token}"])
            #expect(try await h.http.put("\(h.api)/services/hubspot", json: definition).status == 200)
            let other = try await h.connect(tags: ["tenantId": "fabrikam"])
            let failed = try await h.http.delete("\(h.api)/services/hubspot/identities/\(other)")
            #expect(failed.status == 204)
            #expect(failed.headers.first(name: "keyway-revocation") == "failed")
            #expect(try await h.store.identity(serviceId: "hubspot", id: other) == nil)
            #expect(h.logs.text.contains("revocation failed"))
        }
    }
}
