extension KeywayAPIClient {
    /// `GET /v1/providers`, with `?search=` (id or name, ignoring case) when given.
    func providers(search: String? = nil) async throws -> APIResponse {
        try await send(.get, APIPath("providers", query: search.map { [("search", $0)] } ?? []))
    }

    /// `GET /v1/providers/{provider}`.
    func provider(_ id: String) async throws -> APIResponse {
        try await send(.get, APIPath("providers", id))
    }
}
