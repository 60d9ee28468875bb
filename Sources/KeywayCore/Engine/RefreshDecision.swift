import Foundation

/// What to do with an identity's credentials when a token is asked for: a pure decision, no I/O.
package enum RefreshDecision: Sendable, Hashable {
    /// Hand out the current access token.
    case useCurrent
    /// Refresh first with the stored refresh token.
    case refresh
    /// Refuse: the identity cannot give a token (the code and message say why).
    case refuse(KeywayError)

    /// Decides for one identity at one time.
    ///
    /// - Parameters:
    ///   - identity: the identity as stored.
    ///   - now: the current time.
    ///   - margin: the configured refresh margin: a token expiring within this interval is refreshed before it
    ///     is handed out, except that a short-lived token's margin is at most a share of its lifetime
    ///     (``effectiveMargin(for:configured:)``).
    public static func decide(for identity: Identity, now: Date, margin: TimeInterval) -> RefreshDecision {
        switch identity.status {
        case .active: break
        case .refreshFailed:
            return .refuse(
                KeywayError(
                    .conflict, "refresh_failed",
                    "The provider refused to refresh this identity (\(identity.statusReason ?? "no reason given")); the user must connect again."))
        case .revoked:
            return .refuse(KeywayError(.conflict, "identity_revoked", "This identity was revoked; the user must connect again."))
        case .integrityFailed:
            return .refuse(.integrityFailed("identity '\(identity.id)'"))
        }
        guard let expiresAt = identity.credentials.expiresAt, isDue(identity, now: now, margin: margin) else {
            return .useCurrent
        }
        return canRenew(identity.credentials) ? .refresh : (expiresAt > now ? .useCurrent : .refuse(expiredWithoutRefresh))
    }

    /// Whether Keyway can get a new access token for these credentials by itself: with a refresh token, or by
    /// the client-credentials grant.
    public static func canRenew(_ credentials: Credentials) -> Bool {
        credentials.refreshToken != nil || credentials.effectiveAuthMode == .oauth2ClientCredentials
    }

    /// The largest share of a token's lifetime used as its refresh margin: one half.
    public static let lifetimeFraction = 0.5

    /// The margin that applies to one identity's token: the smaller of the configured margin and
    /// ``lifetimeFraction`` of the token's lifetime, so a token living less than the configured margin is not
    /// due the moment it is issued (a 20 s token is refreshed in its last 10 s, not on every read).
    ///
    /// The lifetime is measured from the identity's last credential write (`updatedAt`, set when a token is
    /// stored) to its expiry; a token without an expiry has no margin to scale.
    public static func effectiveMargin(for identity: Identity, configured: TimeInterval) -> TimeInterval {
        guard let expiresAt = identity.credentials.expiresAt else { return configured }
        let lifetime = expiresAt.timeIntervalSince(identity.updatedAt)
        return max(0, min(configured, lifetime * lifetimeFraction))
    }

    /// Whether the identity's token expires within its effective margin at `now` (never, without an expiry).
    public static func isDue(_ identity: Identity, now: Date, margin: TimeInterval) -> Bool {
        guard let expiresAt = identity.credentials.expiresAt else { return false }
        return expiresAt.timeIntervalSince(now) <= effectiveMargin(for: identity, configured: margin)
    }

    /// What a transient refresh failure leaves: the current token while it is still valid, else a refusal.
    public static func afterTransientFailure(for identity: Identity, now: Date) -> RefreshDecision {
        if let expiresAt = identity.credentials.expiresAt, expiresAt <= now {
            return .refuse(
                KeywayError(
                    .badGateway, "refresh_unavailable",
                    "The token has expired and the provider could not be reached to refresh it; try again shortly."))
        }
        return .useCurrent
    }

    private static let expiredWithoutRefresh = KeywayError(
        .conflict, "token_expired", "The access token has expired and the provider gave no refresh token; the user must connect again.")
}
