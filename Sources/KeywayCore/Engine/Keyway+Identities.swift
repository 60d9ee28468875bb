import Foundation

extension Keyway {
    /// The largest page a list may ask for.
    public static let maximumPageSize = 500

    /// A page of a service's identities carrying all the given tags (and the limits' tags).
    public func identities(
        serviceId: String, matching tags: Tags, limit: Int = 50, after cursor: String? = nil,
        limits: KeyLimits = .unrestricted
    ) async throws -> IdentityPage {
        _ = try await reachableService(id: serviceId, limits: limits)
        try TagSyntax.validate(tags)
        guard (1...Self.maximumPageSize).contains(limit) else {
            throw KeywayError.invalid("invalid_limit", "'limit' must be between 1 and \(Self.maximumPageSize).")
        }
        // A filter that contradicts the key's own tags matches nothing the key may see.
        guard let filter = limits.narrowing(tags) else { return IdentityPage(items: [], next: nil) }
        return try await store.identities(serviceId: serviceId, matching: filter, limit: limit, after: cursor)
    }

    /// One identity; `identity_not_found` when the service has none with this id, or the limits do not reach it.
    public func identity(serviceId: String, id: String, limits: KeyLimits = .unrestricted) async throws -> Identity {
        _ = try await reachableService(id: serviceId, limits: limits)
        return try reachable(
            try await store.identity(serviceId: serviceId, id: id), serviceId: serviceId, id: id, limits: limits)
    }

    /// The one identity carrying all the given tags: `identity_not_found` when none does,
    /// `ambiguous_identity` when several do.
    public func identity(serviceId: String, tags: Tags, limits: KeyLimits = .unrestricted) async throws -> Identity {
        guard !tags.isEmpty else {
            throw KeywayError.invalid("missing_tags", "Name the identity with at least one tag.")
        }
        let page = try await identities(serviceId: serviceId, matching: tags, limit: 2, limits: limits)
        switch page.items.count {
        case 0: throw KeywayError.identityNotFound("No identity of '\(serviceId)' carries these tags.")
        case 1: return page.items[0]
        default:
            throw KeywayError(
                .conflict, "ambiguous_identity",
                "Several identities of '\(serviceId)' carry these tags; add tags or use an identity id.")
        }
    }

    /// Deletes one identity, then (unless `revoke` is false) revokes its grant at the provider where a
    /// revocation endpoint is known. The delete stands whatever the revocation does.
    @discardableResult
    public func deleteIdentity(
        serviceId: String, id: String, revoke: Bool = true, limits: KeyLimits = .unrestricted
    ) async throws -> RevocationOutcome {
        let service = try await reachableService(id: serviceId, limits: limits)
        // Read before deleting: the credentials are needed to revoke them, and the limits to allow it.
        let stored =
            revoke || !limits.isUnrestricted ? try await store.identity(serviceId: serviceId, id: id) : nil
        if !limits.isUnrestricted {
            _ = try reachable(stored, serviceId: serviceId, id: id, limits: limits)
        }
        let deleted = try await writingIdentity(serviceId: serviceId, id: id) {
            try await store.deleteIdentity(serviceId: serviceId, id: id)
        }
        guard deleted else {
            throw KeywayError.identityNotFound("Service '\(serviceId)' has no identity '\(id.prefix(80))'.")
        }
        logger.info("identity deleted", metadata: ["identity": "\(id)"])
        guard revoke else { return .skipped }
        guard let stored, let provider = try? provider(for: service) else { return .unsupported }
        return await revokeGrant(of: stored, service: service, provider: provider)
    }

    /// Deletes every identity carrying all the given tags (at least one); returns how many.
    public func deleteIdentities(serviceId: String, matching tags: Tags, limits: KeyLimits = .unrestricted)
        async throws -> Int
    {
        _ = try await reachableService(id: serviceId, limits: limits)
        guard !tags.isEmpty else {
            throw KeywayError.invalid("missing_tags", "Deleting by tags needs at least one tag.")
        }
        try TagSyntax.validate(tags)
        guard let filter = limits.narrowing(tags) else { return 0 }
        defer { openedIdentities.forgetAll() }
        let count = try await store.deleteIdentities(serviceId: serviceId, matching: filter)
        logger.info("identities deleted by tags", metadata: ["service": "\(serviceId)", "count": "\(count)"])
        return count
    }
}
