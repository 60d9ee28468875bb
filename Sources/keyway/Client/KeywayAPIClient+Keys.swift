import Foundation

extension KeywayAPIClient {
    /// `GET /v1/keys`.
    func keys() async throws -> APIResponse {
        try await send(.get, APIPath("keys"))
    }

    /// `POST /v1/keys` with `{"name"}`.
    func createKey(name: String) async throws -> APIResponse {
        try await send(.post, APIPath("keys"), json: try JSONEncoder().encode(["name": name]))
    }

    /// `DELETE /v1/keys/{id}`.
    func deleteKey(_ id: String) async throws -> APIResponse {
        try await send(.delete, APIPath("keys", id))
    }
}
