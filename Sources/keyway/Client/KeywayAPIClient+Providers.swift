extension KeywayAPIClient {
    /// `GET /v1/providers`, with `?search=` (id or name, ignoring case) and `?authMode=` when given.
    func providers(search: String? = nil, authMode: String? = nil) async throws -> APIResponse {
        let query = [search.map { ("search", $0) }, authMode.map { ("authMode", $0) }].compactMap { $0 }
        return try await send(.get, APIPath("providers", query: query))
    }

    /// `GET /v1/providers/{provider}`.
    func provider(_ id: String) async throws -> APIResponse {
        try await send(.get, APIPath("providers", id))
    }
}
