import Foundation

extension Keyway {
    /// ``identity(serviceId:id:limits:)`` for token reads and the proxy: through the cache of opened identities.
    func servedIdentity(serviceId: String, id: String, limits: KeyLimits) async throws -> Identity {
        _ = try await reachableService(id: serviceId, limits: limits)
        if let cached = openedIdentities.identity(serviceId: serviceId, id: id) {
            return try reachable(cached, serviceId: serviceId, id: id, limits: limits)
        }
        let generation = openedIdentities.generation
        let read = try await store.identity(serviceId: serviceId, id: id)
        if let read { openedIdentities.remember(read, readAt: generation) }
        return try reachable(read, serviceId: serviceId, id: id, limits: limits)
    }

    /// ``identity(serviceId:tags:limits:)`` for token reads and the proxy: through the cache of opened identities.
    func servedIdentity(serviceId: String, tags: Tags, limits: KeyLimits) async throws -> Identity {
        if !tags.isEmpty, let filter = limits.narrowing(tags),
            let cached = openedIdentities.identity(serviceId: serviceId, matching: filter)
        {
            // Only a filter that was valid and named one identity is ever remembered.
            _ = try await reachableService(id: serviceId, limits: limits)
            return cached
        }
        let generation = openedIdentities.generation
        let identity = try await identity(serviceId: serviceId, tags: tags, limits: limits)
        if let filter = limits.narrowing(tags) {
            openedIdentities.remember(identity, matching: filter, readAt: generation)
        }
        return identity
    }

    /// ``fresh(_:rejectedVersion:)``, remembering a newer version that a refresh (here or on another replica)
    /// wrote, so that the next reads are served it.
    func servedFresh(_ identity: Identity) async throws -> Identity {
        let generation = openedIdentities.generation
        let fresh = try await fresh(identity)
        if fresh.version != identity.version { openedIdentities.remember(fresh, readAt: generation) }
        return fresh
    }

    /// Runs a write to one identity, then forgets its opened copy (whether the write succeeded, failed or threw).
    func writingIdentity<T>(serviceId: String, id: String, _ write: () async throws -> T) async throws -> T {
        defer { openedIdentities.forget(serviceId: serviceId, id: id) }
        return try await write()
    }
}
