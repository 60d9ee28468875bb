extension KeywayAPIClient {
    /// `GET /v1/providers`.
    func providers() async throws -> APIResponse {
        try await send(.get, APIPath("providers"))
    }

    /// `GET /v1/providers/{provider}`.
    func provider(_ id: String) async throws -> APIResponse {
        try await send(.get, APIPath("providers", id))
    }
}
