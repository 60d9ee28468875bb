import Foundation

extension Keyway {
    /// Every service the limits reach, sorted by id.
    public func services(limits: KeyLimits = .unrestricted) async throws -> [Service] {
        try await store.services().filter { limits.allows(serviceId: $0.id) }.sorted { $0.id < $1.id }
    }

    /// One service the limits reach; `service_not_found` when there is none, or the limits do not reach it.
    public func service(id: String, limits: KeyLimits) async throws -> Service {
        try await reachableService(id: id, limits: limits)
    }

    /// One service; `service_not_found` when there is none.
    public func service(id: String) async throws -> Service {
        if let recent = recentServices.value(for: id) { return recent }
        guard let service = try await store.service(id: id) else { throw KeywayError.serviceNotFound(id) }
        recentServices.remember(service, for: id)
        return service
    }

    /// Creates a service or updates the named fields of an existing one.
    @discardableResult
    public func saveService(id: String, _ definition: ServiceDefinition, limits: KeyLimits = .unrestricted)
        async throws -> Service
    {
        try Service.validate(id: id)
        try limits.checkWrite(serviceId: id)
        let existing = try await storedServiceUnlessAltered(id: id)
        let date = now()
        var service =
            existing
            ?? Service(id: id, provider: "", clientId: "", clientSecret: "", createdAt: date, updatedAt: date)
        if let provider = definition.provider { service.provider = provider }
        if let clientId = definition.clientId { service.clientId = clientId }
        if let clientSecret = definition.clientSecret { service.clientSecret = clientSecret }
        if let scopes = definition.scopes { service.scopes = scopes }
        if let params = definition.authorizationParams { service.authorizationParams = params }
        if let url = definition.authorizationUrl { service.authorizationUrl = url.isEmpty ? nil : url }
        if let url = definition.tokenUrl { service.tokenUrl = url.isEmpty ? nil : url }
        if let url = definition.apiBaseUrl { service.apiBaseUrl = url.isEmpty ? nil : url }
        if let pkce = definition.pkce { service.pkce = pkce }
        if let method = definition.tokenAuthMethod { service.tokenAuthMethod = method }
        if let issuer = definition.issuer { service.issuer = issuer.isEmpty ? nil : issuer }
        if let mode = definition.authMode { service.authMode = mode }
        if let url = definition.revocationUrl { service.revocationUrl = url.isEmpty ? nil : url }
        service.updatedAt = date
        try ServiceValidator(catalog: catalog, outboundURLs: outboundURLs).validate(service)
        try await store.saveService(service)
        recentServices.forget(id)
        logger.info("service saved", metadata: ["service": "\(id)", "provider": "\(service.provider)"])
        return service
    }

    /// Deletes a service. While it has identities this is refused with `service_in_use` unless `force` is set,
    /// in which case its identities go with it.
    public func deleteService(id: String, force: Bool = false, limits: KeyLimits = .unrestricted) async throws {
        guard limits.allows(serviceId: id) else { throw KeywayError.serviceNotFound(id) }
        do {
            _ = try await service(id: id)
        } catch let error as KeywayError where error.code == KeywayError.integrityFailedCode {
            logger.error("deleting a service that failed its integrity check", metadata: ["service": "\(id)"])
        }
        let count = try await store.countIdentities(serviceId: id)
        if count > 0, !force {
            throw KeywayError(
                .conflict, "service_in_use",
                "Service '\(id)' still has \(count) identities; delete them first or pass force=true.")
        }
        recentServices.forget(id)
        defer { openedIdentities.forgetAll() }
        _ = try await store.deleteService(id: id)
        logger.info("service deleted", metadata: ["service": "\(id)", "identities": "\(count)"])
    }

    /// The stored service, or nil when there is none or it failed its integrity check (logged): an altered
    /// service is never used, but an operator may set it again in full, or delete it.
    private func storedServiceUnlessAltered(id: String) async throws -> Service? {
        do {
            return try await store.service(id: id)
        } catch let error as KeywayError where error.code == KeywayError.integrityFailedCode {
            logger.error("replacing a service that failed its integrity check", metadata: ["service": "\(id)"])
            return nil
        }
    }

    /// The provider a service names.
    func provider(for service: Service) throws(KeywayError) -> Provider {
        guard let provider = catalog.provider(service.provider) else {
            throw .providerNotFound(service.provider)
        }
        return provider
    }
}
