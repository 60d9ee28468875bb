extension KeywayClient {
    /// Every configured service.
    public func services() async throws -> [Service] {
        try await call(.GET, "/v1/services", as: Items<Service>.self).items
    }

    /// One service.
    ///
    /// - Throws: ``KeywayClientError`` with code `service_not_found` when there is none by that name.
    public func service(_ id: String) async throws -> Service {
        try await call(.GET, Self.servicePath(id), as: Service.self)
    }

    /// Creates or updates a service; fields the definition leaves nil keep their current value.
    ///
    /// ```swift
    /// try await keyway.setService("hubspot", ServiceDefinition(
    ///     provider: "hubspot", clientId: clientId, clientSecret: clientSecret,
    ///     scopes: ["oauth", "crm.objects.contacts.write"]))
    /// ```
    ///
    /// - Returns: the service as stored, without its secret.
    /// - Throws: ``KeywayClientError``, such as `invalid_service_id` or `provider_not_found`.
    @discardableResult
    public func setService(_ id: String, _ definition: ServiceDefinition) async throws -> Service {
        try await call(.PUT, Self.servicePath(id), body: definition, as: Service.self)
    }

    /// Removes a service.
    ///
    /// - Parameters:
    ///   - id: the service.
    ///   - force: also delete its identities; without it Keyway refuses while identities exist.
    public func deleteService(_ id: String, force: Bool = false) async throws {
        try await send(.DELETE, Self.servicePath(id), query: force ? [("force", "true")] : [])
    }
}
