/// How a generic OAuth 2 sandbox provider behaves. Each property is one quirk real providers have, so one
/// ``SandboxGeneric`` can stand in for Slack, Salesforce, QuickBooks, Shopify or a plain RFC 6749 server.
///
/// The defaults are a plain provider: space-separated scopes, client credentials in the form body, a top-level
/// token with `expires_in` (one hour), rotating refresh tokens and `Authorization: Bearer` on API calls.
public struct SandboxGenericOptions: Sendable, Equatable {
    /// The name the consent page shows.
    public var displayName: String
    /// The only client id the sandbox knows.
    public var clientId: String
    /// The secret that goes with ``clientId``.
    public var clientSecret: String
    /// What joins scopes in the `scope` parameter. A scope holding whitespace or a comma after splitting on it
    /// is refused with `invalid_scope`, as a provider would refuse an unknown scope.
    public var scopeSeparator: String
    /// Whether an authorization request without scopes is refused.
    public var requiresScope: Bool
    /// Where the token sits in the code exchange's answer.
    public var tokenPlacement: SandboxTokenPlacement
    /// How the client must authenticate at the token endpoint.
    public var clientAuthentication: SandboxClientAuthentication
    /// How long access tokens live; `nil` for tokens that never expire.
    public var tokenLifetime: Duration?
    /// Whether token answers carry `expires_in` (Salesforce's do not, though its sessions still time out).
    public var reportsExpiresIn: Bool
    /// How refresh tokens behave.
    public var refreshTokens: SandboxRefreshTokenMode
    /// The header (and prefix) API calls must carry the token in; anything else is refused.
    public var tokenPresentation: SandboxTokenPresentation
    /// The token answer field that carries the sandbox's own base URL, as Salesforce's `instance_url` does;
    /// `nil` for none.
    public var instanceURLField: String?
    /// The company id the callback carries as `realmId`, as QuickBooks does, and that
    /// `GET api/company/{id}/me` accepts; `nil` for none.
    public var companyId: String?
    /// Further query parameters added to the callback, such as Shopify's `shop`.
    public var callbackParameters: [String: String]
    /// The RFC 9207 `iss` added to every authorization response; `nil` for none, as most providers do.
    public var issuer: SandboxIssuer?
    /// Hostile or malformed token answers, for tests of Keyway's trust boundary (none by default).
    public var hostile: SandboxHostileAnswers
    /// Where refresh grants go, as Figma's `/v1/oauth/refresh`: when set (a path under the sandbox root, such as
    /// `oauth/refresh`), the refresh grant is taken only there and `oauth/token` refuses it, while that route
    /// refuses the code grant; `nil` (the default) takes both grants at `oauth/token`.
    public var refreshPath: String?
    /// Fields a token request must carry, by grant type, as Basecamp's `type=web_server` on the code exchange and
    /// `type=refresh` on refreshes; a request without them (or with other values) gets 400 `invalid_request`.
    public var requiredTokenFields: [String: [String: String]]
    /// How token and API answers' bodies are delivered at first (at once by default); tests may change it
    /// later with ``SandboxGeneric/setDelivery(_:)``.
    public var delivery: SandboxDelivery
    /// The one static credential `GET api/keyed` accepts (an API key in a header or a query parameter, or a
    /// Basic header), as API-key and Basic providers check theirs; nil: that route refuses everything.
    public var staticCredential: SandboxStaticCredential? = nil

    /// Creates options; every argument defaults to plain RFC 6749 behaviour.
    public init(
        displayName: String = "Generic OAuth provider",
        clientId: String = "generic-client-id",
        clientSecret: String = "generic-client-secret",
        scopeSeparator: String = " ",
        requiresScope: Bool = true,
        tokenPlacement: SandboxTokenPlacement = .topLevel,
        clientAuthentication: SandboxClientAuthentication = .formBody,
        tokenLifetime: Duration? = .seconds(3600),
        reportsExpiresIn: Bool = true,
        refreshTokens: SandboxRefreshTokenMode = .rotate,
        tokenPresentation: SandboxTokenPresentation = .bearer,
        instanceURLField: String? = nil,
        companyId: String? = nil,
        callbackParameters: [String: String] = [:],
        issuer: SandboxIssuer? = nil,
        hostile: SandboxHostileAnswers = .init(),
        delivery: SandboxDelivery = .immediate,
        refreshPath: String? = nil,
        requiredTokenFields: [String: [String: String]] = [:]
    ) {
        self.displayName = displayName
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.scopeSeparator = scopeSeparator
        self.requiresScope = requiresScope
        self.tokenPlacement = tokenPlacement
        self.clientAuthentication = clientAuthentication
        self.tokenLifetime = tokenLifetime
        self.reportsExpiresIn = reportsExpiresIn
        self.refreshTokens = refreshTokens
        self.tokenPresentation = tokenPresentation
        self.instanceURLField = instanceURLField
        self.companyId = companyId
        self.callbackParameters = callbackParameters
        self.issuer = issuer
        self.hostile = hostile
        self.delivery = delivery
        self.refreshPath = refreshPath
        self.requiredTokenFields = requiredTokenFields
    }

    /// The token lifetime in whole seconds, as `expires_in` reports it.
    var tokenLifetimeSeconds: Int? {
        tokenLifetime.map { Int($0.components.seconds) }
    }
}
