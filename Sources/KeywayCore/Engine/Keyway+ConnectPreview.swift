import Foundation

/// What the connect interstitial shows about a session before the browser claims it.
public struct ConnectPreview: Sendable, Hashable {
    /// The service, and its provider's display name.
    public var serviceId: String
    public var providerName: String
    /// The host of the app's finished URL: the app that asks.
    public var app: String
    /// The app's finished URL, where every ending goes back.
    public var finishedUrl: String
    /// Whether the link expired.
    public var expired: Bool
}

extension Keyway {
    /// The session behind a connect link, read without claiming it; `session_not_found` when there is none.
    public func connectPreview(sessionId: String) async throws -> ConnectPreview {
        guard let session = try await store.session(id: sessionId) else { throw Self.sessionNotFound }
        let service = try await service(id: session.serviceId)
        let name = (try? provider(for: service))?.displayName ?? service.provider
        return ConnectPreview(
            serviceId: service.id, providerName: name,
            app: URLComponents(string: session.finishedUrl)?.host ?? session.finishedUrl,
            finishedUrl: session.finishedUrl, expired: session.expiresAt <= now())
    }
}
