import Foundation
import KeywayClient
import KeywayTestSupport
import Testing

/// `createIdentity(for:tags:credentials:)` and `deleteIdentity(for:id:revoke:)`.
@Suite("Client: identity creation")
struct ClientCreateIdentityTests {
    @Test("an api_key service (mode overridden on the service): the SDK stores a key, the token route hands it out with the mode")
    func apiKey() async throws {
        try await Harness.run { h in
            let service = #"{"provider":"custom","authMode":"api_key","apiBaseUrl":"http://127.0.0.1:9/api"}"#
            #expect(try await h.http.put("\(h.api)/services/keyed", json: service).status == 200)
            let credentials = IdentityCredentials.apiKey("sdk-key-1")
            #expect(!"\(credentials)".contains("sdk-key-1"))
            let identity = try await h.client.createIdentity(
                for: "keyed", tags: ["tenantId": "contoso"], credentials: credentials)
            #expect(identity.tags == ["tenantId": "contoso"])
            let token = try #require(try await h.client.identity(for: "keyed", tags: ["tenantId": "contoso"]))
            #expect(token.accessToken == "sdk-key-1")
            let raw = try await h.http.get("\(h.api)/services/keyed/identities/\(identity.id)/token")
            #expect(raw.json["authMode"] as? String == "api_key")

            do {
                try await h.client.createIdentity(
                    for: "keyed", tags: ["tenantId": "x"], credentials: .basic(username: "a", password: "b"))
                Issue.record("credentials of another mode were accepted")
            } catch let error as KeywayClientError {
                #expect(error.code == "invalid_credentials")
            }
            try await h.client.deleteIdentity(for: "keyed", id: identity.id, revoke: false)
            #expect(try await h.client.identity(for: "keyed", tags: ["tenantId": "contoso"]) == nil)
        }
    }
}
