import Foundation

extension Keyway {
    /// Refreshes one identity by driving a ``RefreshStateMachine``: this method performs the I/O (store
    /// reads and compare-and-set writes, the refresh grant) and the machine makes every decision.
    func refresh(serviceId: String, id: String, rejectedVersion: Int64?) async throws -> Identity {
        var machine = RefreshStateMachine(margin: refreshMargin, rejectedVersion: rejectedVersion)
        var action = machine.read(try await identity(serviceId: serviceId, id: id), now: now())
        while true {
            switch action {
            case .use(let identity):
                return identity
            case .fail(let error):
                if error.code == "refresh_failed" {
                    logger.warning("identity is refresh_failed", metadata: ["identity": "\(id)"])
                }
                throw error
            case .reread:
                action = machine.read(try await identity(serviceId: serviceId, id: id), now: now())
            case .write(let updated, let expectedVersion):
                // The event commits with the write: a refresh_failed mark, or (opt-in) new tokens.
                let event: WebhookEventType? =
                    switch updated.status {
                    case .refreshFailed: .identityRefreshFailed
                    case .active: .identityRefreshed
                    default: nil
                    }
                let written = try await writingIdentity(serviceId: serviceId, id: id) {
                    try await store.updateIdentity(updated, expectedVersion: expectedVersion, event: event)
                }
                logger.info(
                    written ? "identity written" : "identity changed meanwhile; reading it again",
                    metadata: ["identity": "\(id)", "version": "\(updated.version)", "status": "\(updated.status.rawValue)"])
                action = machine.writeFinished(written: written, now: now())
            case .requestToken(let current):
                let service = try await service(id: serviceId)
                let provider = try provider(for: service)
                // The stored hosts are checked before the refresh token is sent anywhere, and the answer's before
                // its token is handed out: a foreign one marks the identity refresh_failed.
                do {
                    try MetadataHosts.validate(current.metadata, service: service, provider: provider)
                } catch {
                    logger.warning("stored metadata names an untrusted host", metadata: ["identity": "\(id)"])
                    action = machine.refreshUnsafe(error, now: now())
                    continue
                }
                let configuration = try OAuthClientConfiguration(
                    service: service, provider: provider, params: current.metadata
                ).using(current.credentials)
                // A client-credentials identity has no refresh token: it asks for a new token with its client.
                let grant: TokenRequest.Grant =
                    current.credentials.refreshToken.map { .refreshToken($0) } ?? .clientCredentials
                let request = TokenRequest(grant: grant, configuration: configuration)
                try checkOutbound(request.url, field: "tokenUrl")
                do {
                    let credentials = try await tokenEndpoint.send(
                        request, format: configuration.responseFormat, previous: current.credentials, now: now
                    ).keeping(current.credentials)
                    let reported = provider.metadata.values(in: credentials.native)
                    do {
                        try MetadataHosts.validate(
                            current.metadata.merging(reported) { _, new in new }, service: service, provider: provider)
                        action = machine.tokenReceived(credentials, metadata: reported, now: now())
                    } catch {
                        logger.warning("refresh answer names an untrusted host", metadata: ["identity": "\(id)"])
                        action = machine.refreshUnsafe(error, now: now())
                    }
                } catch {
                    logger.notice(
                        "refresh grant refused", metadata: ["identity": "\(id)", "error": "\(ProviderText.sanitized(error.error))"])
                    action = machine.tokenRefused(error, now: now())
                }
            }
        }
    }
}
