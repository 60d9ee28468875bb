import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// The secrets of every auth mode (API keys, Basic passwords, an identity's own client secret, imported
/// tokens) stay out of the data folder, the logs and every list or get response.
@Suite("Auth modes: secrets")
struct AuthModeSecretsTests {
    @Test("API key, Basic password, own client secret and imported tokens: absent from files, logs and lists")
    func everyMode() async throws {
        var keyed = SandboxGenericOptions()
        keyed.staticCredential = .header(name: "X-Api-Key", value: "Key sk-secret-api-key-77")
        var basic = SandboxGenericOptions()
        basic.staticCredential = .header(
            name: "Authorization", value: "Basic " + Data("me@example.com:basic-secret-password-77".utf8).base64EncodedString())
        let m2m = SandboxGeneric(options: SandboxGenericOptions(clientId: "customer-own-app", clientSecret: "own-client-secret-77"))
        let generic = ["keyed": SandboxGeneric(options: keyed), "basic": SandboxGeneric(options: basic), "m2m": m2m]
        try await Harness.run(catalog: AuthModeCatalog.catalog, generic: generic) { h in
            try await h.pointService("keyed", provider: "test-key-header", at: "keyed")
            try await h.pointService("jira", provider: "test-basic", at: "basic")
            try await h.pointService(
                "m2m", provider: "test-client-credentials", at: "m2m", scopes: ["read"],
                extra: ["clientId": "service-client", "clientSecret": "service-secret-77"])
            try await h.pointService("imp", provider: "custom", at: "m2m", scopes: ["read"])
            let tags = ["tenantId": "contoso"]
            let answers = [
                try await h.createIdentity(service: "keyed", tags: tags, credentials: ["apiKey": "sk-secret-api-key-77"]),
                try await h.createIdentity(
                    service: "jira", tags: tags, credentials: ["username": "me@example.com", "password": "basic-secret-password-77"]),
                try await h.createIdentity(
                    service: "m2m", tags: tags, credentials: ["clientId": "customer-own-app", "clientSecret": "own-client-secret-77"]),
                try await h.createIdentity(
                    service: "imp", tags: tags, credentials: ["accessToken": "imported-access-77", "refreshToken": "imported-refresh-77"]),
            ]
            for answer in answers { #expect(answer.status == 201, "\(answer.body)") }
            let m2mId = try #require(answers[2].json["id"] as? String)
            let m2mToken = try #require(try await h.store.identity(serviceId: "m2m", id: m2mId)?.credentials.accessToken)
            #expect(m2m.stats().tokenRequests["client_credentials"] == 1)

            var bodies = answers.map(\.body)
            for service in ["keyed", "jira", "m2m", "imp"] {
                bodies.append(try await h.http.get("\(h.api)/services/\(service)/identities").body)
                bodies.append(try await h.http.get("\(h.api)/services/\(service)").body)
            }
            let secrets = [
                "sk-secret-api-key-77", "basic-secret-password-77",
                Data("me@example.com:basic-secret-password-77".utf8).base64EncodedString(), "own-client-secret-77",
                "service-secret-77", "imported-access-77", "imported-refresh-77", m2mToken,
            ]
            let log = h.logs.text
            #expect(log.contains("identity created with given credentials"))
            for secret in secrets {
                #expect(!log.contains(secret), "the log holds \(secret)")
                for body in bodies { #expect(!body.contains(secret), "a response holds \(secret)") }
            }
            for file in try FileManager.default.contentsOfDirectory(atPath: h.dataDirectory.path) {
                let bytes = try Data(contentsOf: h.dataDirectory.appendingPathComponent(file))
                for secret in secrets {
                    #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds \(secret) in plain text")
                }
            }
        }
    }
}
