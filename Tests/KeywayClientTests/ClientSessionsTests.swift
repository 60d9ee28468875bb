import Foundation
import KeywayClient
import KeywayTestSupport
import Testing

/// Starting a connection through the SDK and reading how it ended.
@Suite("KeywayClient sessions")
struct ClientSessionsTests {
    @Test("a session's URL walks through consent to the finished URL, which ConnectionResult reads")
    func session() async throws {
        try await Harness.run { h in
            let session = try await h.client.createSession(
                for: "hubspot", tags: ["tenantId": "contoso", "userId": "usr-123"],
                finishedURL: "http://127.0.0.1:9/done?from=app")
            #expect(session.id.hasPrefix("ses_"))
            #expect(session.url == "\(h.base)/v1/connect/\(session.id)")
            #expect(session.expiresAt > Date())

            let finished = try await h.walk(session.url)
            #expect(finished.hasPrefix("http://127.0.0.1:9/done?from=app&"))
            let result = ConnectionResult(url: finished)
            #expect(result.succeeded)
            #expect(result.serviceId == "hubspot")
            #expect(result.tenantId == "contoso")
            #expect(result.userId == "usr-123")
            #expect(result.error == nil)
            let identityId = try #require(result.identityId)
            #expect(try await h.client.identity(for: "hubspot", id: identityId) != nil)

            let denied = ConnectionResult(url: try await h.walk(try await h.client.createSession(
                for: "hubspot", tags: ["tenantId": "contoso"], finishedURL: "http://127.0.0.1:9/done").url,
                decision: "deny"))
            #expect(!denied.succeeded)
            #expect(denied.error == "access_denied")
            #expect(denied.errorDescription?.isEmpty == false)
        }
    }

    @Test("refusals carry codes: unknown service, bad finished URL, bad tags")
    func refusals() async throws {
        try await Harness.run { h in
            let service = await expectClientError {
                _ = try await h.client.createSession(for: "nosuch", tags: [:], finishedURL: "http://127.0.0.1:9/")
            }
            #expect(service?.code == "service_not_found")
            let finished = await expectClientError {
                _ = try await h.client.createSession(for: "hubspot", tags: [:], finishedURL: "/relative")
            }
            #expect(finished?.code == "invalid_finished_url")
            #expect(finished?.status == 400)
            let tags = await expectClientError {
                _ = try await h.client.createSession(
                    for: "hubspot", tags: ["bad key": "v"], finishedURL: "http://127.0.0.1:9/")
            }
            #expect(tags?.code == "invalid_tags")
        }
    }

    @Test("ConnectionResult reads '+' as a space and the first of repeated names")
    func resultParsing() {
        let result = ConnectionResult(
            url: "https://app.example.com/c?error=access_denied&errorDescription=The+user%20said+no%26left&error=x#frag")
        #expect(result.error == "access_denied")
        #expect(result.errorDescription == "The user said no&left")
        #expect(!result.succeeded)
        #expect(ConnectionResult(url: "https://app.example.com/c") == ConnectionResult(query: []))
    }
}
