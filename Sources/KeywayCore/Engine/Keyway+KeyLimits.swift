import Foundation

/// Where a key's limits (``KeyLimits``) meet the resources: the service and identity lookups every caller-facing
/// call goes through. What the limits do not cover is answered exactly as if it did not exist.
extension Keyway {
    /// The service, if the limits reach it; `service_not_found` otherwise, as for an absent one.
    func reachableService(id: String, limits: KeyLimits) async throws -> Service {
        guard limits.allows(serviceId: id) else { throw KeywayError.serviceNotFound(id) }
        return try await service(id: id)
    }

    /// The identity as read, if the limits reach it; `identity_not_found` otherwise, as for an absent one.
    func reachable(_ identity: Identity?, serviceId: String, id: String, limits: KeyLimits) throws(KeywayError)
        -> Identity
    {
        guard let identity, limits.allows(identityTags: identity.tags) else {
            throw KeywayError.identityNotFound("Service '\(serviceId)' has no identity '\(id.prefix(80))'.")
        }
        return identity
    }
}
