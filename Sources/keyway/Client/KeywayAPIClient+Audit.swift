extension KeywayAPIClient {
    /// `GET /v1/audit`, with whichever filters are given.
    func audit(_ filters: [(name: String, value: String)]) async throws -> APIResponse {
        try await send(.get, APIPath("audit", query: filters))
    }
}
