import Foundation

/// The decisions of one refresh, from reading the identity to handing out a token, as a value type with no
/// I/O. The engine performs each returned action and reports its outcome; the machine says what follows.
///
/// It reads the identity again before refreshing (another caller or replica may have done it), writes with
/// compare-and-set, and checks an `invalid_grant` against the store before marking the identity
/// `refresh_failed`, because a concurrent writer may have rotated the refresh token.
package struct RefreshStateMachine: Sendable {
    /// What the engine does next.
    public enum Action: Sendable, Hashable {
        /// Hand out this identity's token; the refresh is over.
        case use(Identity)
        /// Send a refresh grant with this identity's refresh token.
        case requestToken(Identity)
        /// Write this identity if the stored version still equals `expectedVersion`.
        case write(Identity, expectedVersion: Int64)
        /// Read the identity from the store again.
        case reread
        /// Fail with this error; the refresh is over.
        case fail(KeywayError)
    }

    private enum State: Sendable {
        case reading
        case requesting(Identity)
        case writing(Identity, purpose: WritePurpose)
        case rereading(Identity, reason: RereadReason)
        case finished
    }

    private enum WritePurpose: Sendable { case refreshed, markedFailed }
    private enum RereadReason: Sendable { case invalidGrant, writeConflict }

    private var state = State.reading
    private let margin: TimeInterval
    private let rejectedVersion: Int64?

    /// A machine for one refresh.
    ///
    /// - Parameters:
    ///   - margin: a token expiring within this interval is refreshed.
    ///   - rejectedVersion: set when the provider refused this version's token (a 401): it is refreshed even
    ///     if not due, unless the store already holds a newer version.
    public init(margin: TimeInterval, rejectedVersion: Int64? = nil) {
        self.margin = margin
        self.rejectedVersion = rejectedVersion
    }

    /// The identity as just read from the store.
    public mutating func read(_ identity: Identity, now: Date) -> Action {
        switch state {
        case .reading:
            if let rejectedVersion, identity.version > rejectedVersion { return finish(usable(identity, now: now)) }
            if rejectedVersion == nil {
                switch RefreshDecision.decide(for: identity, now: now, margin: margin) {
                case .useCurrent: return finish(.use(identity))
                case .refuse(let error): return finish(.fail(error))
                case .refresh: break
                }
            }
            guard identity.status == .active, RefreshDecision.canRenew(identity.credentials) else {
                return finish(usable(identity, now: now))
            }
            state = .requesting(identity)
            return .requestToken(identity)
        case .rereading(let original, .invalidGrant):
            guard identity.version == original.version else { return finish(usable(identity, now: now)) }
            return write(failed(identity, reason: "invalid_grant"), purpose: .markedFailed, from: identity, now: now)
        case .rereading(_, .writeConflict):
            return finish(usable(identity, now: now))
        default:
            return invalid("read")
        }
    }

    /// The provider answered the refresh grant with new credentials, and perhaps new values for the
    /// metadata it reports in token responses (Salesforce's `instance_url`, say).
    public mutating func tokenReceived(_ credentials: Credentials, metadata: [String: String] = [:], now: Date) -> Action {
        guard case .requesting(let current) = state else { return invalid("tokenReceived") }
        var refreshed = current
        refreshed.credentials = credentials
        refreshed.metadata.merge(metadata) { _, new in new }
        return write(refreshed, purpose: .refreshed, from: current, now: now)
    }

    /// The refresh cannot go on safely: the provider's answer (or the stored identity) names a host the catalog
    /// does not allow for a URL (``MetadataHosts``). The identity is marked `refresh_failed` with the error's
    /// message as its reason, and no token of this refresh is handed out.
    public mutating func refreshUnsafe(_ error: KeywayError, now: Date) -> Action {
        guard case .requesting(let current) = state else { return invalid("refreshUnsafe") }
        return write(failed(current, text: error.message), purpose: .markedFailed, from: current, now: now)
    }

    /// The provider refused the refresh grant or could not be reached.
    public mutating func tokenRefused(_ error: OAuthProviderError, now: Date) -> Action {
        guard case .requesting(let current) = state else { return invalid("tokenRefused") }
        if error.isInvalidGrant {
            state = .rereading(current, reason: .invalidGrant)
            lastRefusal = error
            return .reread
        }
        if error.isTransient {
            switch RefreshDecision.afterTransientFailure(for: current, now: now) {
            case .refuse(let refusal): return finish(.fail(refusal))
            default: return finish(.use(current))
            }
        }
        // Any other refusal (a wrong client secret, say) marks nothing: the identity is not at fault. A token
        // that is due but not yet expired is still handed out, unless the API has already rejected it.
        if rejectedVersion == nil, let expiresAt = current.credentials.expiresAt, expiresAt > now {
            return finish(.use(current))
        }
        let advice =
            error.error == "invalid_token_response"
            ? "its answer was unusable" : "check the service's client id and secret"
        return finish(
            .fail(
                KeywayError(
                    .badGateway, "refresh_rejected", "The provider refused the refresh (\(error.error)); \(advice).")))
    }

    /// The compare-and-set write finished; `written` says whether the version still matched.
    public mutating func writeFinished(written: Bool, now: Date) -> Action {
        guard case .writing(let identity, let purpose) = state else { return invalid("writeFinished") }
        guard written else {
            state = .rereading(identity, reason: .writeConflict)
            return .reread
        }
        switch purpose {
        case .refreshed: return finish(.use(identity))
        case .markedFailed: return finish(usable(identity, now: now))
        }
    }

    /// The refusal that led to marking the identity, kept for its description.
    private var lastRefusal: OAuthProviderError?

    private mutating func write(_ identity: Identity, purpose: WritePurpose, from current: Identity, now: Date) -> Action {
        var next = identity
        next.updatedAt = now
        next.version = current.version + 1
        state = .writing(next, purpose: purpose)
        return .write(next, expectedVersion: current.version)
    }

    private func failed(_ identity: Identity, reason: String) -> Identity {
        let detail = lastRefusal?.description.map { ": \($0)" } ?? ""
        return failed(identity, text: "The provider answered \(lastRefusal?.error ?? reason)\(detail)")
    }

    private func failed(_ identity: Identity, text: String) -> Identity {
        var failed = identity
        failed.status = .refreshFailed
        var text = text
        // The reason is kept in clear and shown in lists: a provider that echoes the refresh token it refused
        // must not put it there.
        for secret in [identity.credentials.refreshToken, identity.credentials.accessToken].compactMap({ $0 })
        where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "[redacted]")
        }
        failed.statusReason = String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(300).map(Character.init))
        return failed
    }

    /// The identity if its token may be handed out now, else the refusal.
    private func usable(_ identity: Identity, now: Date) -> Action {
        if case .refuse(let error) = RefreshDecision.decide(for: identity, now: now, margin: 0) { return .fail(error) }
        if let expiresAt = identity.expiresAt, expiresAt <= now {
            return .fail(KeywayError(.conflict, "token_expired", "The access token has expired and could not be refreshed."))
        }
        return .use(identity)
    }

    private mutating func finish(_ action: Action) -> Action {
        state = .finished
        return action
    }

    private func invalid(_ event: String) -> Action {
        .fail(KeywayError(.internal, "internal_error", "Refresh state machine received '\(event)' out of order."))
    }
}
