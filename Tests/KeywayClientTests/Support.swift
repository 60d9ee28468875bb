import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import KeywayClient
import KeywayTestSupport
import Testing

extension Harness {
    /// A client for this Keyway over the harness's HTTP client (which never follows redirects).
    var client: KeywayClient {
        KeywayClient(url: base, apiKey: apiKey, httpClient: http.client)
    }

    /// The same answer the SDK reads, checked against the sandbox CRM: creates a contact with `token`.
    func createContact(email: String, token: String) async throws -> HTTPAnswer {
        try await http.send(
            .POST, "\(sandboxURL)/crm/v3/objects/contacts", body: #"{"properties":{"email":"\#(email)"}}"#,
            headers: [("Authorization", "Bearer \(token)")], authorized: false)
    }
}

/// Runs `body` with a Hummingbird application serving `router` on a free loopback port.
func withApp<Context: RequestContext>(
    _ router: Router<Context>, _ body: @escaping @Sendable (String) async throws -> Void
) async throws where Context: InitializableFromSource<ApplicationRequestContextSource> {
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in
        try await body("http://127.0.0.1:\(try #require(client.port))")
    }
}

/// Expects `body` to throw a ``KeywayClientError`` and returns it.
func expectClientError(
    _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
) async -> KeywayClientError? {
    do {
        try await body()
        Issue.record("expected a KeywayClientError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as KeywayClientError {
        return error
    } catch {
        Issue.record("expected a KeywayClientError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
