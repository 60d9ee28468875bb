import KeywayAPI

/// A catalog entry: how one SaaS does OAuth 2, in the fields an app usually needs. `GET /v1/providers/{id}`
/// returns more; this type keeps what an app usually needs.
public struct Provider: Sendable, Hashable {
    /// The catalog id, such as `hubspot`.
    public var id: String
    /// The name to show, such as `HubSpot`.
    public var displayName: String
    /// The consent page URL, perhaps with `{placeholders}`.
    public var authorizationUrl: String
    /// The token URL, perhaps with `{placeholders}`.
    public var tokenUrl: String
    /// The API's base URL, perhaps with `{placeholders}`.
    public var apiBaseUrl: String?
    /// The placeholders a session's `params` fill, such as `subdomain`.
    public var params: [String]
    /// The scopes asked for when a service names none.
    public var defaultScopes: [String]
    /// The provider's OAuth documentation.
    public var docsUrl: String?

    /// The entry the contract's answer describes; absent lists are empty.
    init(_ wire: Components.Schemas.Provider) {
        id = wire.id
        displayName = wire.displayName
        authorizationUrl = wire.authorizationUrl
        tokenUrl = wire.tokenUrl
        apiBaseUrl = wire.apiBaseUrl
        params = wire.params ?? []
        defaultScopes = wire.defaultScopes ?? []
        docsUrl = wire.docsUrl
    }
}
