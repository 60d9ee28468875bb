import Foundation
extension KeywayAPIClient {
    /// `GET /v1/services/{service}/identities?tag=k:v…&limit=&next=`.
    func identities(service: String, tags: [TagPair], limit: Int?, next: String?) async throws -> APIResponse {
        var query = tags.map(\.queryItem)
        if let limit { query.append(("limit", String(limit))) }
        if let next { query.append(("next", next)) }
        return try await send(.get, APIPath("services", service, "identities", query: query))
    }

    /// `GET /v1/services/{service}/identities/{id}`.
    func identity(service: String, id: String) async throws -> APIResponse {
        try await send(.get, APIPath("services", service, "identities", id))
    }

    /// `GET /v1/services/{service}/identities/{id}/token`.
    func token(service: String, id: String) async throws -> APIResponse {
        try await send(.get, APIPath("services", service, "identities", id, "token"))
    }

    /// `GET /v1/services/{service}/token?tag=k:v…`.
    func token(service: String, tags: [TagPair]) async throws -> APIResponse {
        try await send(.get, APIPath("services", service, "token", query: tags.map(\.queryItem)))
    }

    /// `DELETE /v1/services/{service}/identities/{id}`.
    func deleteIdentity(service: String, id: String, revoke: Bool = true) async throws -> APIResponse {
        try await send(
            .delete, APIPath("services", service, "identities", id, query: revoke ? [] : [("revoke", "false")]))
    }

    /// `POST /v1/services/{service}/identities` with a `{"tags","credentials"}` body.
    func createIdentity(service: String, body: Data) async throws -> APIResponse {
        try await send(.post, APIPath("services", service, "identities"), json: body)
    }

    /// `DELETE /v1/services/{service}/identities?tag=k:v…` (`&revoke=false` to skip revocation).
    func deleteIdentities(service: String, tags: [TagPair], revoke: Bool = true) async throws -> APIResponse {
        try await send(
            .delete,
            APIPath("services", service, "identities", query: tags.map(\.queryItem) + (revoke ? [] : [("revoke", "false")])))
    }
}
