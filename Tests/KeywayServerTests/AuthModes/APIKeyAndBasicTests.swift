import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// API-key and Basic services: identities created by API (and checked with the catalog's verification
/// request), the credential attached by the proxy where the catalog says, and named by the token route.
@Suite("Auth modes: API keys and Basic")
struct APIKeyAndBasicTests {
    static func sandbox(_ credential: SandboxStaticCredential) -> SandboxGeneric {
        var options = SandboxGenericOptions()
        options.staticCredential = credential
        return SandboxGeneric(options: options)
    }

    @Test("api_key in a header: a wrong key is refused by verification and nothing is stored; the proxy sends the key as the catalog says")
    func headerKey() async throws {
        let gen = Self.sandbox(.header(name: "X-Api-Key", value: "Key sk-live-123"))
        try await Harness.run(catalog: AuthModeCatalog.catalog, generic: ["gen": gen]) { h in
            try await h.pointService("keyed", provider: "test-key-header", at: "gen")
            let tags = ["tenantId": "contoso"]

            let wrong = try await h.createIdentity(service: "keyed", tags: tags, credentials: ["apiKey": "sk-wrong"])
            #expect(wrong.status == 400, "\(wrong.body)")
            #expect(wrong.errorCode == "credentials_rejected")
            #expect(try await h.store.countIdentities(serviceId: "keyed") == 0)

            let misplaced = try await h.createIdentity(
                service: "keyed", tags: tags, credentials: ["username": "a", "password": "b"])
            #expect(misplaced.status == 400)
            #expect(misplaced.errorCode == "invalid_credentials")

            let created = try await h.createIdentity(service: "keyed", tags: tags, credentials: ["apiKey": "sk-live-123"])
            #expect(created.status == 201, "\(created.body)")
            #expect(!created.body.contains("sk-live-123"))
            let id = try #require(created.json["id"] as? String)

            let proxied = try await h.http.get("\(h.api)/proxy/keyed/api/keyed", headers: [("Keyway-Identity", id)])
            #expect(proxied.status == 200, "\(proxied.body)")

            let token = try await h.token(service: "keyed", identity: id)
            #expect(token["authMode"] as? String == "api_key")
            #expect(token["accessToken"] as? String == "sk-live-123")
            #expect(token["credential"] as? [String: String] == ["in": "header", "name": "X-Api-Key", "value": "Key sk-live-123"])

            // The same tags again replace the key of the same identity.
            let again = try await h.createIdentity(service: "keyed", tags: tags, credentials: ["apiKey": "sk-live-123"])
            #expect(again.status == 200, "\(again.body)")
            #expect(again.json["id"] as? String == id)
            #expect(try await h.store.countIdentities(serviceId: "keyed") == 1)
        }
    }

    @Test("api_key in a query parameter: the proxy adds it, replacing one the caller sent")
    func queryKey() async throws {
        let gen = Self.sandbox(.query(name: "key", value: "AIza-secret-1"))
        try await Harness.run(catalog: AuthModeCatalog.catalog, generic: ["gen": gen]) { h in
            try await h.pointService("maps", provider: "test-key-query", at: "gen")
            let created = try await h.createIdentity(
                service: "maps", tags: ["tenantId": "contoso"], credentials: ["apiKey": "AIza-secret-1"])
            #expect(created.status == 201, "\(created.body)")
            let id = try #require(created.json["id"] as? String)
            let proxied = try await h.http.get(
                "\(h.api)/proxy/maps/api/keyed?region=eu&key=caller-value", headers: [("Keyway-Identity", id)])
            #expect(proxied.status == 200, "\(proxied.body)")
            let token = try await h.token(service: "maps", identity: id)
            #expect(token["credential"] as? [String: String] == ["in": "query", "name": "key", "value": "AIza-secret-1"])
        }
    }

    @Test("basic: wrong credentials are refused by verification; the proxy sends Authorization: Basic")
    func basic() async throws {
        let header = "Basic " + Data("me@example.com:api-token-1".utf8).base64EncodedString()
        let gen = Self.sandbox(.header(name: "Authorization", value: header))
        try await Harness.run(catalog: AuthModeCatalog.catalog, generic: ["gen": gen]) { h in
            try await h.pointService("jira", provider: "test-basic", at: "gen")
            let tags = ["tenantId": "contoso"]
            let wrong = try await h.createIdentity(
                service: "jira", tags: tags, credentials: ["username": "me@example.com", "password": "nope"])
            #expect(wrong.errorCode == "credentials_rejected", "\(wrong.body)")
            let missing = try await h.createIdentity(service: "jira", tags: tags, credentials: ["username": "me@example.com"])
            #expect(missing.errorCode == "invalid_credentials")
            #expect(try await h.store.countIdentities(serviceId: "jira") == 0)

            let created = try await h.createIdentity(
                service: "jira", tags: tags, credentials: ["username": "me@example.com", "password": "api-token-1"])
            #expect(created.status == 201, "\(created.body)")
            let id = try #require(created.json["id"] as? String)
            let proxied = try await h.http.get("\(h.api)/proxy/jira/api/keyed", headers: [("Keyway-Identity", id)])
            #expect(proxied.status == 200, "\(proxied.body)")
            let token = try await h.token(service: "jira", identity: id)
            #expect(token["authMode"] as? String == "basic")
            #expect(token["credential"] as? [String: String] == ["in": "header", "name": "Authorization", "value": header])
        }
    }
}
