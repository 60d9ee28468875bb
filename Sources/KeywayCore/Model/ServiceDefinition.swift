import Foundation

/// What an operator sends to create or update a service. Absent fields keep their current value on update.
public struct ServiceDefinition: Sendable, Hashable, Decodable {
    /// The catalog provider, or `custom`.
    public var provider: String?
    /// The OAuth client id.
    public var clientId: String?
    /// The OAuth client secret.
    public var clientSecret: String?
    /// Scopes to request.
    public var scopes: [String]?
    /// Extra authorization parameters.
    public var authorizationParams: [String: String]?
    /// Override of the authorization URL.
    public var authorizationUrl: String?
    /// Override of the token URL.
    public var tokenUrl: String?
    /// Override of the API base URL.
    public var apiBaseUrl: String?
    /// Override of PKCE.
    public var pkce: Bool?
    /// Override of the client authentication method.
    public var tokenAuthMethod: TokenAuthMethod?
    /// The provider's RFC 9207 issuer identifier; empty clears it.
    public var issuer: String?
    /// Override of the catalog entry's auth mode.
    public var authMode: AuthMode? = nil
    /// Override of the catalog entry's revocation endpoint; empty clears it.
    public var revocationUrl: String? = nil

    /// Creates a definition.
    public init(
        provider: String? = nil, clientId: String? = nil, clientSecret: String? = nil, scopes: [String]? = nil,
        authorizationParams: [String: String]? = nil, authorizationUrl: String? = nil, tokenUrl: String? = nil,
        apiBaseUrl: String? = nil, pkce: Bool? = nil, tokenAuthMethod: TokenAuthMethod? = nil,
        issuer: String? = nil
    ) {
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
        self.issuer = issuer
    }
}
