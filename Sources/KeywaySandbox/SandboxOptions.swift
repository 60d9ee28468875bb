/// How the sandbox HubSpot behaves: token lifetime, refresh-token rotation and the one OAuth client it accepts.
///
/// The lifetime and rotation can also be changed while the sandbox runs, through `POST /_config`.
public struct SandboxOptions: Sendable, Equatable {
    /// How long an access token stays valid after it is issued (HubSpot's is 30 minutes).
    public var tokenLifetime: Duration
    /// Whether a refresh issues a new refresh token and retires the old one.
    ///
    /// HubSpot's refresh tokens do not rotate, so the default is `false`.
    public var rotateRefreshTokens: Bool
    /// How long the token endpoints hold each answer back after handling the grant, as a slow provider
    /// would (default none). The grant takes effect at once; only the answer is late.
    public var tokenDelay: Duration
    /// The only client id the sandbox knows.
    public var clientId: String
    /// The secret that goes with ``clientId``.
    public var clientSecret: String

    /// Creates options; every argument has HubSpot's default behaviour.
    public init(
        tokenLifetime: Duration = .seconds(1800),
        rotateRefreshTokens: Bool = false,
        tokenDelay: Duration = .zero,
        clientId: String = "sandbox-client-id",
        clientSecret: String = "sandbox-client-secret"
    ) {
        self.tokenLifetime = tokenLifetime
        self.rotateRefreshTokens = rotateRefreshTokens
        self.tokenDelay = tokenDelay
        self.clientId = clientId
        self.clientSecret = clientSecret
    }

    /// The token endpoint delay in whole milliseconds.
    var tokenDelayMilliseconds: Int {
        let parts = tokenDelay.components
        return Int(parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000)
    }

    /// The token lifetime in seconds, as `expires_in` reports it.
    var tokenLifetimeSeconds: Double {
        let parts = tokenLifetime.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// Counters the sandbox keeps, as `GET /_stats` returns them.
public struct SandboxStats: Codable, Sendable, Equatable {
    /// Token requests per `grant_type` (both token endpoints, successful or not).
    ///
    /// `authorization_code` and `refresh_token` are always present; any other grant type a client sent
    /// is counted under its own name, and a request without one under `missing`.
    public var tokenRequests: [String: Int]
    /// Requests to the CRM API routes (`/crm/…`), including the ones a fault failed.
    public var apiRequests: Int

    /// Creates a set of counters.
    public init(tokenRequests: [String: Int] = ["authorization_code": 0, "refresh_token": 0], apiRequests: Int = 0) {
        self.tokenRequests = tokenRequests
        self.apiRequests = apiRequests
    }
}
