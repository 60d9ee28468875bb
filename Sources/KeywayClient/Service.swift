import Foundation

/// A configured service as Keyway shows it: the provider and OAuth client, never the client secret.
public struct Service: Sendable, Hashable, Decodable {
    /// The operator's name for it, such as `hubspot`.
    public var id: String
    /// The catalog provider it uses, or `custom`.
    public var provider: String
    /// The OAuth client id.
    public var clientId: String
    /// The scopes it asks for; empty means the provider's defaults.
    public var scopes: [String]
    /// Extra authorization parameters.
    public var authorizationParams: [String: String]
    /// The authorization URL, when it overrides the provider's.
    public var authorizationUrl: String?
    /// The token URL, when it overrides the provider's.
    public var tokenUrl: String?
    /// The API base URL, when it overrides the provider's (the sandbox's, for instance).
    public var apiBaseUrl: String?
    /// Whether PKCE is used, when it overrides the provider's choice.
    public var pkce: Bool?
    /// `client_secret_post` or `client_secret_basic`, when it overrides the provider's choice.
    public var tokenAuthMethod: String?
    /// The redirect URI to register with the provider: this service's own OAuth callback,
    /// `<publicURL>/v1/oauth/callback/<service>`.
    public var callbackUrl: String
    /// The provider's RFC 9207 issuer identifier, when the service records one.
    public var issuer: String?
    /// When it was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    private enum CodingKeys: String, CodingKey {
        case id, provider, clientId, scopes, authorizationParams, authorizationUrl, tokenUrl, apiBaseUrl, pkce,
            tokenAuthMethod, callbackUrl, createdAt, updatedAt, issuer
    }

    /// Reads the contract's JSON; absent optional fields take their empty values.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        provider = try container.decode(String.self, forKey: .provider)
        clientId = try container.decode(String.self, forKey: .clientId)
        scopes = try container.decodeIfPresent([String].self, forKey: .scopes) ?? []
        authorizationParams = try container.decodeIfPresent([String: String].self, forKey: .authorizationParams) ?? [:]
        authorizationUrl = try container.decodeIfPresent(String.self, forKey: .authorizationUrl)
        tokenUrl = try container.decodeIfPresent(String.self, forKey: .tokenUrl)
        apiBaseUrl = try container.decodeIfPresent(String.self, forKey: .apiBaseUrl)
        pkce = try container.decodeIfPresent(Bool.self, forKey: .pkce)
        tokenAuthMethod = try container.decodeIfPresent(String.self, forKey: .tokenAuthMethod)
        callbackUrl = try container.decode(String.self, forKey: .callbackUrl)
        issuer = try container.decodeIfPresent(String.self, forKey: .issuer)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        updatedAt = try container.decode(Date.self, forKey: .updatedAt)
    }
}
