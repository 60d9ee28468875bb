/// What to send to create or update a service. Fields left nil keep their current value on update.
///
/// ```swift
/// try await keyway.setService("hubspot", ServiceDefinition(
///     provider: "hubspot", clientId: "…", clientSecret: "…",
///     scopes: ["oauth", "crm.objects.contacts.write"]))
/// ```
public struct ServiceDefinition: Sendable, Hashable, Encodable {
    /// The catalog provider, or `custom`.
    public var provider: String?
    /// The OAuth client id.
    public var clientId: String?
    /// The OAuth client secret; Keyway seals it and never shows it again.
    public var clientSecret: String?
    /// The scopes to ask for.
    public var scopes: [String]?
    /// Extra authorization parameters.
    public var authorizationParams: [String: String]?
    /// Overrides the provider's authorization URL.
    public var authorizationUrl: String?
    /// Overrides the provider's token URL.
    public var tokenUrl: String?
    /// Overrides the provider's API base URL.
    public var apiBaseUrl: String?
    /// Overrides whether PKCE is used.
    public var pkce: Bool?
    /// Overrides the client authentication: `client_secret_post` or `client_secret_basic`.
    public var tokenAuthMethod: String?
    /// The provider's RFC 9207 issuer identifier; callbacks must then carry it as `iss` ("" clears it).
    public var issuer: String?

    /// Creates a definition; every field is optional.
    public init(
        provider: String? = nil, clientId: String? = nil, clientSecret: String? = nil, scopes: [String]? = nil,
        authorizationParams: [String: String]? = nil, authorizationUrl: String? = nil, tokenUrl: String? = nil,
        apiBaseUrl: String? = nil, pkce: Bool? = nil, tokenAuthMethod: String? = nil,
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

extension ServiceDefinition: CustomStringConvertible, CustomReflectable {
    /// The fields that are set, with the client secret masked.
    public var description: String {
        var parts: [String] = []
        if let provider { parts.append("provider: \(provider)") }
        if let clientId { parts.append("clientId: \(clientId)") }
        if clientSecret != nil { parts.append("clientSecret: <redacted>") }
        if let scopes { parts.append("scopes: \(scopes)") }
        if let apiBaseUrl { parts.append("apiBaseUrl: \(apiBaseUrl)") }
        return "ServiceDefinition(\(parts.joined(separator: ", ")))"
    }

    /// What `dump` and debuggers show: the client secret is left out.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "provider": provider as Any, "clientId": clientId as Any, "scopes": scopes as Any,
                "authorizationParams": authorizationParams as Any, "authorizationUrl": authorizationUrl as Any,
                "tokenUrl": tokenUrl as Any, "apiBaseUrl": apiBaseUrl as Any, "pkce": pkce as Any,
                "tokenAuthMethod": tokenAuthMethod as Any, "issuer": issuer as Any,
            ], displayStyle: .struct)
    }
}
