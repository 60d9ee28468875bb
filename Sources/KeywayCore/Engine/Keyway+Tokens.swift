import Foundation

extension Keyway {
    /// A fresh token for one identity, refreshed first when it is due within the refresh margin.
    public func token(serviceId: String, identityId: String) async throws -> IssuedToken {
        IssuedToken(identity: try await fresh(try await identity(serviceId: serviceId, id: identityId)))
    }

    /// A fresh token for the one identity the tags name.
    public func token(serviceId: String, tags: Tags) async throws -> IssuedToken {
        IssuedToken(identity: try await fresh(try await identity(serviceId: serviceId, tags: tags)))
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
        return try await refreshes.run(key: identity.id) {
            try await self.refresh(serviceId: identity.serviceId, id: identity.id, rejectedVersion: rejectedVersion)
        }
    }
}
