extension KeywayClient {
    /// The provider catalog.
    public func providers() async throws -> [Provider] {
        try await call(.GET, "/v1/providers", as: Items<Provider>.self).items
    }

    /// One catalog provider.
    ///
    /// - Throws: ``KeywayClientError`` with code `provider_not_found` when the catalog has none by that id.
    public func provider(_ id: String) async throws -> Provider {
        try await call(.GET, "/v1/providers/" + PercentEncoding.escape(id), as: Provider.self)
    }
}
