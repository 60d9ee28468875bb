import AsyncHTTPClient
import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Client-credentials services: Keyway fetches the token when the identity is created and again when it
/// expires, once for a storm of concurrent reads.
@Suite("Auth modes: client credentials")
struct ClientCredentialsTests {
    static let callers = 300

    @Test("a token fetched at creation, re-fetched once on expiry under 300 concurrent reads; a bad client is refused")
    func storm() async throws {
        let gen = SandboxGeneric()
        try await Harness.run(catalog: AuthModeCatalog.catalog, generic: ["gen": gen]) { h in
            try await h.pointService("m2m", provider: "test-client-credentials", at: "gen", scopes: ["read"])
            let badClient = try await h.createIdentity(
                service: "m2m", tags: ["tenantId": "contoso"], credentials: ["clientId": "someone", "clientSecret": "wrong"])
            #expect(badClient.status == 400, "\(badClient.body)")
            #expect(badClient.errorCode == "credentials_rejected")
            #expect((badClient.json["message"] as? String)?.contains("invalid_client") == true)
            #expect(try await h.store.countIdentities(serviceId: "m2m") == 0)

            let created = try await h.createIdentity(service: "m2m", tags: ["tenantId": "contoso"], credentials: [:])
            #expect(created.status == 201, "\(created.body)")
            let id = try #require(created.json["id"] as? String)
            #expect(gen.stats().tokenRequests["client_credentials"] == 2)  // the refused one and this one
            let first = try await h.token(service: "m2m", identity: id)
            #expect(first["authMode"] as? String == "oauth2_client_credentials")
            let old = try #require(first["accessToken"] as? String)

            let me = try await h.http.get("\(h.api)/proxy/m2m/api/me", headers: [("Keyway-Identity", id)])
            #expect(me.status == 200, "\(me.body)")
            #expect((me.json["scopes"] as? [String]) == ["read"])

            h.clock.advance(by: 3600)
            let answers = try await Storm.run(Self.callers, apiKey: h.apiKey) { http, _ in
                let answer = try await http.get("\(h.api)/services/m2m/identities/\(id)/token")
                return (status: answer.status, token: answer.json["accessToken"] as? String)
            }
            #expect(answers.allSatisfy { $0.status == 200 })
            let tokens = answers.compactMap(\.token)
            #expect(tokens.count == Self.callers)
            #expect(Set(tokens).count == 1)
            #expect(tokens.first != old)
            #expect(gen.stats().tokenRequests["client_credentials"] == 3)
            #expect(gen.stats().tokenRequests["refresh_token"] == 0)
        }
    }
}
