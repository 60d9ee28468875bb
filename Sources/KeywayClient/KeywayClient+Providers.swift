import KeywayAPI

extension KeywayClient {
    /// The provider catalog.
    public func providers() async throws -> [Provider] {
        try await run { api in try await api.listProviders().ok.body.json.items.map(Provider.init) }
    }

    /// One catalog provider.
    ///
    /// - Throws: ``KeywayClientError`` with code `provider_not_found` when the catalog has none by that id.
    public func provider(_ id: String) async throws -> Provider {
        try await run { api in Provider(try await api.getProvider(path: .init(provider: id)).ok.body.json) }
    }
}
