import Foundation

/// What `keyway service set` sends: only the fields given on the command line (absent ones keep their value).
struct ServiceUpdate: Encodable, Sendable {
    var provider: String?
    var clientId: String?
    var clientSecret: String?
    var scopes: [String]?
    var authorizationParams: [String: String]?
    var authorizationUrl: String?
    var tokenUrl: String?
    var apiBaseUrl: String?
    var pkce: Bool?
    var tokenAuthMethod: String?
    var issuer: String?
}

extension KeywayAPIClient {
    /// `GET /v1/services`.
    func services() async throws -> APIResponse {
        try await send(.get, APIPath("services"))
    }

    /// `GET /v1/services/{service}`.
    func service(_ id: String) async throws -> APIResponse {
        try await send(.get, APIPath("services", id))
    }

    /// `PUT /v1/services/{service}` with the given fields.
    func saveService(_ id: String, _ update: ServiceUpdate) async throws -> APIResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try await send(.put, APIPath("services", id), json: try encoder.encode(update))
    }

    /// `DELETE /v1/services/{service}[?force=true]`.
    func deleteService(_ id: String, force: Bool) async throws -> APIResponse {
        try await send(.delete, APIPath("services", id, query: force ? [("force", "true")] : []))
    }
}
