import Foundation
import KeywayCore
import KeywayTestSupport

/// The bundled catalog plus entries of each auth mode whose API is a generic sandbox (services point their
/// URLs at it), for the flow tests of auth modes and revocation.
enum AuthModeCatalog {
    static func entry(_ id: String, _ change: (inout Provider) -> Void) -> Provider {
        var provider = Provider.custom
        provider.id = id
        provider.displayName = id
        provider.notes = nil
        change(&provider)
        return provider
    }

    static let catalog = ProviderCatalog(
        providers: ProviderCatalog.bundled.providers + [
            entry("test-key-header") {
                $0.authMode = .apiKey
                $0.tokenPresentation = .init(header: "X-Api-Key", prefix: "Key ")
                $0.verificationPath = "api/keyed"
            },
            entry("test-key-query") {
                $0.authMode = .apiKey
                $0.tokenPresentation = .init(header: "Authorization", prefix: "Bearer ", query: "key")
            },
            entry("test-basic") {
                $0.authMode = .basic
                $0.verificationPath = "api/keyed"
            },
            entry("test-client-credentials") {
                $0.authMode = .oauth2ClientCredentials
            },
            entry("test-revocable") {
                $0.revocationStyle = .rfc7009
            },
        ])

    /// A JSON body from a dictionary.
    static func json(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
    }
}

extension Harness {
    /// `POST /v1/services/{service}/identities`.
    func createIdentity(service: String, tags: [String: String], credentials: [String: Any]) async throws -> HTTPAnswer {
        try await http.post(
            "\(api)/services/\(service)/identities",
            json: try AuthModeCatalog.json(["tags": tags, "credentials": credentials]))
    }
}
