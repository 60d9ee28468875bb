import Foundation

/// Everything the OAuth client needs for one service, with the provider's templates filled in and the
/// service's overrides applied.
public struct OAuthClientConfiguration: Sendable, Hashable {
    /// The client id.
    public var clientId: String
    /// The client secret.
    public var clientSecret: String
    /// The resolved authorization endpoint.
    public var authorizationUrl: String
    /// The resolved token endpoint.
    public var tokenUrl: String
    /// The resolved refresh endpoint.
    public var refreshUrl: String
    /// Scopes to request.
    public var scopes: [String]
    /// How scopes are joined.
    public var scopeSeparator: String
    /// Whether PKCE is used.
    public var pkce: Bool
    /// How the client authenticates.
    public var tokenAuthMethod: TokenAuthMethod
    /// Extra authorization parameters (provider's, then service's).
    public var authorizationParams: [String: String]
    /// Extra code-exchange parameters.
    public var tokenParams: [String: String]
    /// Extra refresh parameters.
    public var refreshParams: [String: String]
    /// How to read token responses.
    public var responseFormat: TokenResponseFormat

    /// Resolves a service against its provider with the given placeholder values.
    ///
    /// `params` may hold more than the templates use (at refresh it is the identity's whole metadata, such as
    /// Salesforce's `instance_url` or Slack's team name); only the values that fill a placeholder are checked.
    public init(service: Service, provider: Provider, params: [String: String]) throws(KeywayError) {
        let templates = ServiceURLTemplates(service: service, provider: provider)
        let (authorizationTemplate, tokenTemplate) = (templates.authorization, templates.token)
        let consent = service.effectiveAuthMode(provider: provider).usesConsent
        guard !authorizationTemplate.isEmpty || !consent, !tokenTemplate.isEmpty else {
            throw .invalid(
                "incomplete_service",
                "Service '\(service.id)' uses provider '\(provider.id)', which needs authorizationUrl and tokenUrl.")
        }
        let used = Set(templates.oauth.flatMap(URLTemplate.placeholders(in:)))
        var values = provider.paramDefaults
        for (name, value) in params where used.contains(name) {
            try URLTemplate.validate(param: name, value: value)
            values[name] = value
        }
        clientId = service.clientId
        clientSecret = service.clientSecret
        authorizationUrl = authorizationTemplate.isEmpty ? "" : try URLTemplate.fill(authorizationTemplate, with: values)
        tokenUrl = try URLTemplate.fill(tokenTemplate, with: values)
        if let refreshTemplate = templates.refresh {
            refreshUrl = try URLTemplate.fill(refreshTemplate, with: values)
        } else {
            refreshUrl = tokenUrl
        }
        scopes = service.scopes.isEmpty ? provider.defaultScopes : service.scopes
        scopeSeparator = provider.scopeSeparator
        pkce = service.pkce ?? provider.pkce
        tokenAuthMethod = service.tokenAuthMethod ?? provider.tokenAuthMethod
        authorizationParams = provider.authorizationParams.merging(service.authorizationParams) { _, new in new }
        tokenParams = provider.tokenParams
        refreshParams = provider.refreshParams
        responseFormat = TokenResponseFormat(provider: provider)
    }
}

/// Where a provider puts things in its token responses.
public struct TokenResponseFormat: Sendable, Hashable {
    /// Dotted path of the access token.
    public var accessTokenPath: String
    /// Dotted path of the refresh token.
    public var refreshTokenPath: String
    /// Dotted path of the lifetime in seconds.
    public var expiresInPath: String
    /// Lifetime to assume when none is given.
    public var defaultTokenLifetime: Int?

    /// The format of standard OAuth 2 responses.
    public static let standard = TokenResponseFormat(
        accessTokenPath: "access_token", refreshTokenPath: "refresh_token", expiresInPath: "expires_in",
        defaultTokenLifetime: nil)

    /// Creates a format.
    public init(accessTokenPath: String, refreshTokenPath: String, expiresInPath: String, defaultTokenLifetime: Int?) {
        self.accessTokenPath = accessTokenPath
        self.refreshTokenPath = refreshTokenPath
        self.expiresInPath = expiresInPath
        self.defaultTokenLifetime = defaultTokenLifetime
    }

    /// The format a provider declares.
    public init(provider: Provider) {
        self.init(
            accessTokenPath: provider.accessTokenPath, refreshTokenPath: provider.refreshTokenPath,
            expiresInPath: provider.expiresInPath, defaultTokenLifetime: provider.defaultTokenLifetime)
    }
}

extension OAuthClientConfiguration {
    /// The configuration with the identity's own OAuth client, when its credentials hold one (a customer's
    /// own app, for the client-credentials grant); unchanged otherwise.
    public func using(_ credentials: Credentials) -> OAuthClientConfiguration {
        guard let clientId = credentials.clientId, let clientSecret = credentials.clientSecret else { return self }
        var configuration = self
        configuration.clientId = clientId
        configuration.clientSecret = clientSecret
        return configuration
    }
}
