import Foundation
import KeywayAPI

/// A configured service as Keyway shows it: the provider and OAuth client, never the client secret.
public struct Service: Sendable, Hashable {
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

    /// The service the contract's answer describes.
    init(_ wire: Components.Schemas.Service) {
        id = wire.id
        provider = wire.provider
        clientId = wire.clientId
        scopes = wire.scopes
        authorizationParams = wire.authorizationParams.additionalProperties
        authorizationUrl = wire.authorizationUrl
        tokenUrl = wire.tokenUrl
        apiBaseUrl = wire.apiBaseUrl
        pkce = wire.pkce
        tokenAuthMethod = wire.tokenAuthMethod?.rawValue
        callbackUrl = wire.callbackUrl
        issuer = wire.issuer
        createdAt = wire.createdAt
        updatedAt = wire.updatedAt
    }
}
