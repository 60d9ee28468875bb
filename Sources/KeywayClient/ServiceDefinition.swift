import KeywayAPI

/// What to send to create or update a service: a builder of the contract's `ServiceDefinition` body. Fields
/// left nil keep their current value on update.
///
/// ```swift
/// try await keyway.setService("hubspot", ServiceDefinition(
///     provider: "hubspot", clientId: "…", clientSecret: "…",
///     scopes: ["oauth", "crm.objects.contacts.write"]))
/// ```
///
/// Printing or dumping it never shows the client secret.
public struct ServiceDefinition: Sendable, Hashable {
    /// The body as the generated client sends it.
    private var body = Components.Schemas.ServiceDefinition()
    /// A `tokenAuthMethod` the contract does not know, kept to be refused when the definition is sent.
    private var unknownTokenAuthMethod: String?

    /// Creates a definition; every field is optional.
    public init(
        provider: String? = nil, clientId: String? = nil, clientSecret: String? = nil, scopes: [String]? = nil,
        authorizationParams: [String: String]? = nil, authorizationUrl: String? = nil, tokenUrl: String? = nil,
        apiBaseUrl: String? = nil, pkce: Bool? = nil, tokenAuthMethod: String? = nil,
        issuer: String? = nil
    ) {
        body = Components.Schemas.ServiceDefinition(
            provider: provider, clientId: clientId, clientSecret: clientSecret, scopes: scopes,
            authorizationUrl: authorizationUrl, tokenUrl: tokenUrl, apiBaseUrl: apiBaseUrl, pkce: pkce, issuer: issuer)
        self.authorizationParams = authorizationParams
        self.tokenAuthMethod = tokenAuthMethod
    }

    /// The catalog provider, or `custom`.
    public var provider: String? {
        get { body.provider }
        set { body.provider = newValue }
    }
    /// The OAuth client id.
    public var clientId: String? {
        get { body.clientId }
        set { body.clientId = newValue }
    }
    /// The OAuth client secret; Keyway seals it and never shows it again.
    public var clientSecret: String? {
        get { body.clientSecret }
        set { body.clientSecret = newValue }
    }
    /// The scopes to ask for.
    public var scopes: [String]? {
        get { body.scopes }
        set { body.scopes = newValue }
    }
    /// Extra authorization parameters.
    public var authorizationParams: [String: String]? {
        get { body.authorizationParams?.additionalProperties }
        set { body.authorizationParams = newValue.map { .init(additionalProperties: $0) } }
    }
    /// Overrides the provider's authorization URL.
    public var authorizationUrl: String? {
        get { body.authorizationUrl }
        set { body.authorizationUrl = newValue }
    }
    /// Overrides the provider's token URL.
    public var tokenUrl: String? {
        get { body.tokenUrl }
        set { body.tokenUrl = newValue }
    }
    /// Overrides the provider's API base URL.
    public var apiBaseUrl: String? {
        get { body.apiBaseUrl }
        set { body.apiBaseUrl = newValue }
    }
    /// Overrides whether PKCE is used.
    public var pkce: Bool? {
        get { body.pkce }
        set { body.pkce = newValue }
    }
    /// Overrides the client authentication: `client_secret_post` or `client_secret_basic`.
    public var tokenAuthMethod: String? {
        get { body.tokenAuthMethod?.rawValue ?? unknownTokenAuthMethod }
        set {
            body.tokenAuthMethod = newValue.flatMap(Components.Schemas.TokenAuthMethod.init(rawValue:))
            unknownTokenAuthMethod = body.tokenAuthMethod == nil ? newValue : nil
        }
    }
    /// The provider's RFC 9207 issuer identifier; callbacks must then carry it as `iss` ("" clears it).
    public var issuer: String? {
        get { body.issuer }
        set { body.issuer = newValue }
    }

    /// The contract's body.
    ///
    /// - Throws: ``KeywayClientError`` `invalid_field` (kind `invalidArgument`) for a `tokenAuthMethod` the
    ///   contract does not name; nothing is sent then.
    func wire() throws(KeywayClientError) -> Components.Schemas.ServiceDefinition {
        if let unknownTokenAuthMethod {
            throw KeywayClientError(
                kind: .invalidArgument, code: "invalid_field",
                message: "tokenAuthMethod '\(unknownTokenAuthMethod.prefix(64))' is not one of "
                    + Components.Schemas.TokenAuthMethod.allCases.map(\.rawValue).joined(separator: ", ") + ".")
        }
        return body
    }
}

extension ServiceDefinition: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
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

    /// The same as ``description``: the client secret masked.
    public var debugDescription: String { description }

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
