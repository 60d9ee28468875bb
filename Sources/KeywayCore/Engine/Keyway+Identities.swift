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

    /// Deletes every identity carrying all the given tags (at least one), revoking each one's grant as
    /// ``deleteMatchingIdentities(serviceId:matching:revoke:limits:)`` does; returns how many.
    public func deleteIdentities(serviceId: String, matching tags: Tags, limits: KeyLimits = .unrestricted)
        async throws -> Int
    {
        try await deleteMatchingIdentities(serviceId: serviceId, matching: tags, limits: limits).deleted
    }

    /// Deletes every identity carrying all the given tags (at least one), then (unless `revoke` is false)
    /// revokes each deleted identity's grant at the provider as a delete by id does, up to
    /// ``bulkRevocationConcurrency`` at a time, each within the exchange deadline. Where the service and its
    /// catalog entry name no revocation endpoint, or `revoke` is false, the identities go in one statement.
    /// Otherwise each matching identity is read, then deleted by id (its credentials are needed to revoke it),
    /// until none matches. The deletes stand whatever the revocations do.
    public func deleteMatchingIdentities(
        serviceId: String, matching tags: Tags, revoke: Bool = true, limits: KeyLimits = .unrestricted
    ) async throws -> BulkDeletion {
        let service = try await reachableService(id: serviceId, limits: limits)
        guard !tags.isEmpty else {
            throw KeywayError.invalid("missing_tags", "Deleting by tags needs at least one tag.")
        }
        try TagSyntax.validate(tags)
        guard let filter = limits.narrowing(tags) else { return BulkDeletion(deleted: 0, revocations: [:]) }
        defer { openedIdentities.forgetAll() }
        let provider = try? provider(for: service)
        guard revoke, let provider, (service.revocationUrl ?? provider.revocationUrl) != nil else {
            let count = try await store.deleteIdentities(serviceId: serviceId, matching: filter)
            logger.info("identities deleted by tags", metadata: ["service": "\(serviceId)", "count": "\(count)"])
            return BulkDeletion(deleted: count, revocations: count == 0 ? [:] : [revoke ? .unsupported : .skipped: count])
        }
        var deleted: [Identity] = []
        // Bounded: identities that keep arriving with these tags cannot hold the request forever.
        for _ in 0..<1000 {
            let page = try await store.identities(serviceId: serviceId, matching: filter, limit: 500, after: nil)
            if page.items.isEmpty { break }
            var progressed = false
            for identity in page.items where try await store.deleteIdentity(serviceId: serviceId, id: identity.id) {
                deleted.append(identity)
                progressed = true
            }
            if !progressed { break }
        }
        logger.info("identities deleted by tags", metadata: ["service": "\(serviceId)", "count": "\(deleted.count)"])
        let outcomes = await revokeGrants(of: deleted, service: service, provider: provider)
        return BulkDeletion(
            deleted: deleted.count, revocations: outcomes.reduce(into: [:]) { counts, outcome in counts[outcome, default: 0] += 1 })
    }

    /// How many revocations a delete by tags runs at once.
    public static let bulkRevocationConcurrency = 8

    private func revokeGrants(of identities: [Identity], service: Service, provider: Provider) async -> [RevocationOutcome] {
        await withTaskGroup(of: RevocationOutcome.self) { group in
            var pending = identities.makeIterator()
            var outcomes: [RevocationOutcome] = []
            for _ in 0..<Self.bulkRevocationConcurrency {
                guard let identity = pending.next() else { break }
                group.addTask { await self.revokeGrant(of: identity, service: service, provider: provider) }
            }
            while let outcome = await group.next() {
                outcomes.append(outcome)
                if let identity = pending.next() {
                    group.addTask { await self.revokeGrant(of: identity, service: service, provider: provider) }
                }
            }
            return outcomes
        }
    }
}
