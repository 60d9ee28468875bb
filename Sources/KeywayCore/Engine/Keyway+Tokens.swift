import Foundation

extension Keyway {
    /// A fresh token for one identity, refreshed first when it is due within the refresh margin.
    public func token(serviceId: String, identityId: String, limits: KeyLimits = .unrestricted) async throws
        -> IssuedToken
    {
        try await issued(try await servedFresh(try await servedIdentity(serviceId: serviceId, id: identityId, limits: limits)))
    }

    /// A fresh token for the one identity the tags (and the limits' tags) name.
    public func token(serviceId: String, tags: Tags, limits: KeyLimits = .unrestricted) async throws -> IssuedToken {
        try await issued(try await servedFresh(try await servedIdentity(serviceId: serviceId, tags: tags, limits: limits)))
    }

    /// A token answer for a fresh identity, with where its credential goes on API calls.
    private func issued(_ identity: Identity) async throws -> IssuedToken {
        let provider = try provider(for: try await service(id: identity.serviceId))
        return IssuedToken(
            identity: identity,
            placement: CredentialPlacement.of(
                credential: identity.credentials.accessToken, mode: identity.credentials.effectiveAuthMode,
                presentation: provider.tokenPresentation))
    }

    /// The identity with a token that may be handed out: as it is when the token is not due, else after
    /// one refresh shared by every concurrent caller.
    ///
    /// - Parameters:
    ///   - identity: the identity as last read.
    ///   - rejectedVersion: set when the provider refused this version's token (a 401): the identity is then
    ///     refreshed even if not due, unless the store already holds a newer version.
    public func fresh(_ identity: Identity, rejectedVersion: Int64? = nil) async throws -> Identity {
        if rejectedVersion == nil {
            switch RefreshDecision.decide(for: identity, now: now(), margin: refreshMargin) {
            case .useCurrent: return identity
            case .refuse(let error): throw error
            case .refresh: break
            }
        }
        guard let refreshed = try await sharedRefresh(of: identity, rejectedVersion: rejectedVersion, ifLockFree: false)
        else { throw KeywayError(.internal, "internal_error", "A refresh that waits for its lock was skipped.") }
        return refreshed
    }

    /// One refresh of an identity shared by every caller in this process (``SingleFlight``), run under the
    /// store's refresh lock so that every process sharing the store waits for it too. The refresh first reads
    /// the identity again: a caller that waited for another's refresh finds the new token and sends no grant.
    ///
    /// - Parameter ifLockFree: true to return nil at once when another process holds the lock (refreshing
    ///   ahead of need skips what another replica is doing); false to wait for it.
    func sharedRefresh(of identity: Identity, rejectedVersion: Int64?, ifLockFree: Bool) async throws -> Identity? {
        while true {
            do {
                return try await refreshes.run(key: identity.id) {
                    let requested = ContinuousClock.now
                    let refresh: @Sendable () async throws -> Identity = {
                        let started = ContinuousClock.now
                        self.observer.refreshLockAcquired(waited: started - requested)
                        do {
                            let refreshed = try await self.refresh(
                                serviceId: identity.serviceId, id: identity.id, rejectedVersion: rejectedVersion)
                            self.observer.refreshFinished(outcome: "success", duration: .now - started)
                            return refreshed
                        } catch {
                            let outcome = (error as? KeywayError)?.code ?? "error"
                            self.observer.refreshFinished(outcome: outcome, duration: .now - started)
                            throw error
                        }
                    }
                    if ifLockFree {
                        guard let refreshed = try await self.store.withRefreshLockIfFree(identityId: identity.id, refresh)
                        else { throw RefreshLockBusy() }
                        return refreshed
                    }
                    return try await self.store.withRefreshLock(identityId: identity.id, refresh)
                }
            } catch is RefreshLockBusy {
                // Another process holds the lock. A pass ahead of need moves on; a caller that joined that pass
                // in this process asks again, this time waiting for the lock.
                if ifLockFree { return nil }
            }
        }
    }
}
