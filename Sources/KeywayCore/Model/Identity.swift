import Foundation

/// Where an identity stands.
public enum IdentityStatus: String, Sendable, Codable, Hashable {
    /// Its token can be handed out (refreshing it first when due).
    case active
    /// The provider refused a refresh; the end user must connect again. The reason says why.
    case refreshFailed = "refresh_failed"
    /// The grant was revoked.
    case revoked
    /// Its stored record failed its integrity check (its service, metadata or credentials were changed
    /// outside Keyway): its credentials are withheld and never used; the end user must connect again.
    case integrityFailed = "integrity_failed"
}

/// The credentials one end user granted for one service, indexed by the app's tags.
public struct Identity: Sendable, Hashable {
    /// Its id, such as `idn_…`.
    public var id: String
    /// The service it belongs to.
    public var serviceId: String
    /// The app's tags.
    public var tags: Tags
    /// Where it stands.
    public var status: IdentityStatus
    /// Why it is not active, when it is not.
    public var statusReason: String?
    /// The granted credentials; sealed at rest.
    public var credentials: Credentials
    /// Values kept for later refreshes and proxying: template params and provider metadata.
    public var metadata: [String: String]
    /// When it was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// Bumped on every credential write; writes compare and set on it.
    public var version: Int64

    /// When the access token expires, if it does.
    public var expiresAt: Date? { credentials.expiresAt }

    /// Creates an identity.
    public init(
        id: String, serviceId: String, tags: Tags, status: IdentityStatus = .active, statusReason: String? = nil,
        credentials: Credentials, metadata: [String: String] = [:], createdAt: Date, updatedAt: Date,
        version: Int64 = 1
    ) {
        self.id = id
        self.serviceId = serviceId
        self.tags = tags
        self.status = status
        self.statusReason = statusReason
        self.credentials = credentials
        self.metadata = metadata
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// Tokens and the provider's own response fields.
public struct Credentials: Sendable, Hashable, Codable {
    /// The access token.
    public var accessToken: String
    /// The refresh token, if the provider gave one. Never leaves Keyway.
    public var refreshToken: String?
    /// The token type, normalised (`Bearer` for any case of "bearer").
    public var tokenType: String?
    /// When the access token expires, if it does.
    public var expiresAt: Date?
    /// The provider's token response, without `refresh_token`.
    public var native: [String: JSONValue]
    /// The mode these credentials are for; nil for OAuth 2 tokens from the code flow (or imported). For
    /// `api_key` the ``accessToken`` is the key; for `basic` it is the base64 of `username:password`.
    public var authMode: AuthMode? = nil
    /// The identity's own OAuth client id for the client-credentials grant, when it does not use the service's.
    public var clientId: String? = nil
    /// The secret that goes with ``clientId``. Never leaves Keyway.
    public var clientSecret: String? = nil

    /// The mode these credentials are for.
    public var effectiveAuthMode: AuthMode { authMode ?? .oauth2 }

    /// Creates credentials.
    public init(
        accessToken: String, refreshToken: String? = nil, tokenType: String? = nil, expiresAt: Date? = nil,
        native: [String: JSONValue] = [:]
    ) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.tokenType = tokenType
        self.expiresAt = expiresAt
        self.native = native
    }
}
