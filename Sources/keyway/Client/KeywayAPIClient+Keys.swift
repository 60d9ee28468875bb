import Foundation

extension KeywayAPIClient {
    /// `GET /v1/keys`.
    func keys() async throws -> APIResponse {
        try await send(.get, APIPath("keys"))
    }

    /// `POST /v1/keys` with `{"name","scopes","services","tags","expiresIn"}` (absent fields left out).
    func createKey(_ body: KeyCreateRequest) async throws -> APIResponse {
        try await send(.post, APIPath("keys"), json: try JSONEncoder().encode(body))
    }

    /// `DELETE /v1/keys/{id}`.
    func deleteKey(_ id: String) async throws -> APIResponse {
        try await send(.delete, APIPath("keys", id))
    }
}
