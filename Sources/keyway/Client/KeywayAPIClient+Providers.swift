extension KeywayAPIClient {
    /// `GET /v1/providers`, or `?authMode=` for the entries of one auth mode.
    func providers(authMode: String? = nil) async throws -> APIResponse {
        try await send(.get, APIPath("providers", query: authMode.map { [("authMode", $0)] } ?? []))
    }

    /// `GET /v1/providers/{provider}`.
    func provider(_ id: String) async throws -> APIResponse {
        try await send(.get, APIPath("providers", id))
    }
}
