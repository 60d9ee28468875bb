import Foundation

/// How a client authenticates at a token endpoint.
public enum TokenAuthMethod: String, Sendable, Codable, Hashable, CaseIterable {
    /// `client_id` and `client_secret` in the form body.
    case clientSecretPost = "client_secret_post"
    /// HTTP Basic with the client id and secret.
    case clientSecretBasic = "client_secret_basic"
}

/// One configured connection target: a catalog provider plus the operator's OAuth client.
public struct Service: Sendable, Hashable, Codable {
    /// The operator's name for it, such as `hubspot` or `hubspot-eu`.
    public var id: String
    /// The catalog provider it uses, or `custom`.
    public var provider: String
    /// The OAuth client id.
    public var clientId: String
    /// The OAuth client secret; sealed at rest and never shown.
    public var clientSecret: String
    /// Scopes to request; empty means the provider's defaults.
    public var scopes: [String]
    /// Extra authorization parameters, added to the provider's.
    public var authorizationParams: [String: String]
    /// Overrides of the provider's authorization URL.
    public var authorizationUrl: String?
    /// Overrides of the provider's token URL.
    public var tokenUrl: String?
    /// Overrides of the provider's API base URL.
    public var apiBaseUrl: String?
    /// Overrides whether PKCE is used.
    public var pkce: Bool?
    /// Overrides the client authentication method.
    public var tokenAuthMethod: TokenAuthMethod?
    /// The provider's issuer identifier (RFC 9207), when the operator records one: the callback then requires
    /// an `iss` equal to it. Overrides the catalog entry's ``Provider/issuer``.
    public var issuer: String?
    /// When it was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// Overrides the catalog entry's auth mode (``Provider/authMode``).
    public var authMode: AuthMode? = nil
    /// Overrides the catalog entry's revocation endpoint (``Provider/revocationUrl``), called as the entry's
    /// ``Provider/revocationStyle`` says.
    public var revocationUrl: String? = nil

    /// Creates a service.
    public init(
        id: String, provider: String, clientId: String, clientSecret: String, scopes: [String] = [],
        authorizationParams: [String: String] = [:], authorizationUrl: String? = nil, tokenUrl: String? = nil,
        apiBaseUrl: String? = nil, pkce: Bool? = nil, tokenAuthMethod: TokenAuthMethod? = nil,
        createdAt: Date = Date(), updatedAt: Date = Date(), issuer: String? = nil
    ) {
        self.id = id
        self.provider = provider
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.authorizationParams = authorizationParams
        self.authorizationUrl = authorizationUrl
        self.tokenUrl = tokenUrl
        self.apiBaseUrl = apiBaseUrl
        self.pkce = pkce
        self.tokenAuthMethod = tokenAuthMethod
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.issuer = issuer
    }

    /// The mode its identities use: its own override, else the catalog entry's.
    public func effectiveAuthMode(provider: Provider) -> AuthMode { authMode ?? provider.effectiveAuthMode }

    /// Checks a service name: 1–64 lowercase letters, digits, `-` or `_`, starting with a letter or digit.
    public static func validate(id: String) throws(KeywayError) {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789-_")
        guard !id.isEmpty, id.count <= 64, id.unicodeScalars.allSatisfy({ allowed.contains($0) }),
            let first = id.unicodeScalars.first, first != "-", first != "_"
        else {
            throw .invalid(
                "invalid_service_id", "A service name is 1 to 64 lowercase letters, digits, '-' or '_'.")
        }
    }
}
