import KeywayAPI

extension KeywayClient {
    /// Every configured service.
    public func services() async throws -> [Service] {
        try await run { api in try await api.listServices().ok.body.json.items.map(Service.init) }
    }

    /// One service.
    ///
    /// - Throws: ``KeywayClientError`` with code `service_not_found` when there is none by that name.
    public func service(_ id: String) async throws -> Service {
        try await run { api in Service(try await api.getService(path: .init(service: id)).ok.body.json) }
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
        let body = try definition.wire()
        return try await run { api in
            Service(try await api.putService(path: .init(service: id), body: .json(body)).ok.body.json)
        }
    }

    /// Removes a service.
    ///
    /// - Parameters:
    ///   - id: the service.
    ///   - force: also delete its identities; without it Keyway refuses while identities exist.
    public func deleteService(_ id: String, force: Bool = false) async throws {
        _ = try await run { api in
            try await api.deleteService(path: .init(service: id), query: .init(force: force ? "true" : nil)).noContent
        }
    }
}
