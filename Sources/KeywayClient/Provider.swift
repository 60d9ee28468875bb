/// A catalog entry: how one SaaS does OAuth 2, in the fields an app usually needs. `GET /v1/providers/{id}`
/// returns more; this type reads what it knows and ignores the rest.
public struct Provider: Sendable, Hashable, Decodable {
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

    private enum CodingKeys: String, CodingKey {
        case id, displayName, authorizationUrl, tokenUrl, apiBaseUrl, params, defaultScopes, docsUrl
    }

    /// Reads the contract's JSON; absent optional fields take their empty values.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        displayName = try container.decodeIfPresent(String.self, forKey: .displayName) ?? id
        authorizationUrl = try container.decode(String.self, forKey: .authorizationUrl)
        tokenUrl = try container.decode(String.self, forKey: .tokenUrl)
        apiBaseUrl = try container.decodeIfPresent(String.self, forKey: .apiBaseUrl)
        params = try container.decodeIfPresent([String].self, forKey: .params) ?? []
        defaultScopes = try container.decodeIfPresent([String].self, forKey: .defaultScopes) ?? []
        docsUrl = try container.decodeIfPresent(String.self, forKey: .docsUrl)
    }
}
