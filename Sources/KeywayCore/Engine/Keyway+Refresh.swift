import Foundation

extension Keyway {
    /// Refreshes one identity, reading it again first: another caller or replica may have refreshed it.
    func refresh(serviceId: String, id: String, rejectedVersion: Int64?) async throws -> Identity {
        let current = try await identity(serviceId: serviceId, id: id)
        if let rejectedVersion, current.version > rejectedVersion {
            return try usable(current)
        }
        if rejectedVersion == nil {
            switch RefreshDecision.decide(for: current, now: now(), margin: refreshMargin) {
            case .useCurrent: return current
            case .refuse(let error): throw error
            case .refresh: break
            }
        }
        guard current.status == .active else { return try usable(current) }
        guard let refreshToken = current.credentials.refreshToken else { return try usable(current) }
        let service = try await service(id: serviceId)
        let configuration = try OAuthClientConfiguration(
            service: service, provider: try provider(for: service), params: current.metadata)
        let request = TokenRequest(grant: .refreshToken(refreshToken), configuration: configuration)
        do {
            let credentials = try await tokenEndpoint.send(
                request, format: configuration.responseFormat, previous: current.credentials, now: now)
            var refreshed = current
            refreshed.credentials = credentials
            refreshed.updatedAt = now()
            refreshed.version = current.version + 1
            if try await store.updateIdentity(refreshed, expectedVersion: current.version) {
                logger.info("identity refreshed", metadata: ["identity": "\(id)", "version": "\(refreshed.version)"])
                return refreshed
            }
            logger.notice("identity changed during refresh; using the stored one", metadata: ["identity": "\(id)"])
            return try usable(try await identity(serviceId: serviceId, id: id))
        } catch let error as OAuthProviderError {
            return try await handle(error, refreshing: current)
        }
    }

    private func handle(_ error: OAuthProviderError, refreshing current: Identity) async throws -> Identity {
        let code = Self.sanitized(error.error)
        if error.isInvalidGrant {
            // Another writer may have refreshed (and rotated the refresh token) since we read it.
            let stored = try await identity(serviceId: current.serviceId, id: current.id)
            if stored.version != current.version {
                logger.info("refresh token superseded by another writer", metadata: ["identity": "\(current.id)"])
                return try usable(stored)
            }
            var failed = stored
            failed.status = .refreshFailed
            failed.statusReason = "The provider answered \(code)" + (error.description.map { ": \(Self.sanitized($0))" } ?? "")
            failed.updatedAt = now()
            failed.version = stored.version + 1
            if try await store.updateIdentity(failed, expectedVersion: stored.version) {
                logger.warning("refresh refused; identity marked refresh_failed", metadata: ["identity": "\(current.id)"])
                return try usable(failed)
            }
            return try usable(try await identity(serviceId: current.serviceId, id: current.id))
        }
        if error.isTransient {
            logger.warning("refresh failed for now", metadata: ["identity": "\(current.id)", "error": "\(code)"])
            switch RefreshDecision.afterTransientFailure(for: current, now: now()) {
            case .refuse(let refusal): throw refusal
            default: return current
            }
        }
        logger.error("refresh rejected", metadata: ["identity": "\(current.id)", "error": "\(code)"])
        throw KeywayError(
            .badGateway, "refresh_rejected",
            "The provider refused the refresh (\(code)); check the service's client id and secret.")
    }

    /// The identity if its token may be handed out now, else the refusal.
    private func usable(_ identity: Identity) throws -> Identity {
        switch RefreshDecision.decide(for: identity, now: now(), margin: 0) {
        case .refuse(let error): throw error
        default:
            if let expiresAt = identity.expiresAt, expiresAt <= now() {
                throw KeywayError(.conflict, "token_expired", "The access token has expired and could not be refreshed.")
            }
            return identity
        }
    }
}
