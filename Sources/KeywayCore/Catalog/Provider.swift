import Foundation

/// A catalog entry describing how one SaaS does OAuth 2.
///
/// URLs may hold `{placeholders}` (a shop, a subdomain, a tenant) filled from session params, and the API
/// base URL may also name metadata fields kept from the token response or the callback.
public struct Provider: Sendable, Hashable, Codable {
    /// The catalog id, such as `hubspot`.
    public var id: String
    /// The name to show people.
    public var displayName: String
    /// Where the browser is sent for consent.
    public var authorizationUrl: String
    /// The token endpoint for the code exchange.
    public var tokenUrl: String
    /// The token endpoint for refreshes, when it differs.
    public var refreshUrl: String?
    /// Placeholders that sessions must fill (unless a default exists).
    public var params: [String]
    /// Defaults for placeholders.
    public var paramDefaults: [String: String]
    /// The values a session may give a placeholder, where the provider documents a closed set (exact values,
    /// or `*.domain` for any host under that domain); see ``PlaceholderValues``.
    public var paramValues: [String: [String]]
    /// Params the provider gives on the callback, by placeholder: the callback query parameter whose value (its
    /// host, when it is a URL) fills the placeholder for the code exchange and every refresh after it, such as
    /// Zoho's `accounts-server` for `{accounts_host}`. Checked like a session's value.
    public var callbackParams: [String: String]
    /// How scopes are joined in the authorization URL.
    public var scopeSeparator: String
    /// Scopes requested when the service names none.
    public var defaultScopes: [String]
    /// Whether PKCE (S256) is sent. True for every entry unless ``pkceUnsupported`` names where the provider
    /// documents that it refuses PKCE (RFC 9700 §2.1.1).
    public var pkce: Bool
    /// Where the provider documents that it refuses PKCE: a URL or doc reference; nil when it takes PKCE.
    public var pkceUnsupported: String? = nil
    /// The provider's issuer identifier (RFC 9207), only where the provider documents that its authorization
    /// responses carry `iss`; the callback then refuses a response whose `iss` differs or is missing. May
    /// hold the entry's URL placeholders.
    public var issuer: String? = nil
    /// How the client authenticates at the token endpoint.
    public var tokenAuthMethod: TokenAuthMethod
    /// Extra fixed authorization parameters.
    public var authorizationParams: [String: String]
    /// Extra fixed parameters for the code exchange.
    public var tokenParams: [String: String]
    /// Extra fixed parameters for refreshes.
    public var refreshParams: [String: String]
    /// Dotted path of the access token in the token response.
    public var accessTokenPath: String
    /// Dotted path of the refresh token in the token response.
    public var refreshTokenPath: String
    /// Dotted path of the lifetime in seconds in the token response.
    public var expiresInPath: String
    /// Fields kept as identity metadata.
    public var metadata: MetadataFields
    /// The hosts a response metadata field that fills a URL placeholder may name (Salesforce's `instance_url`:
    /// `*.salesforce.com`, `*.force.com`), as exact hosts or `*.domain`; an entry written `http://host` also
    /// allows plain http to that host (tests and local development only). See ``MetadataHosts``. Absent from a
    /// decoded entry, it is empty: such a field cannot fill a host at all.
    public var metadataHosts: [String: [String]]?
    /// How refresh tokens behave.
    public var refreshTokens: RefreshTokenBehavior
    /// Seconds to assume when the token response has no lifetime; nil when tokens do not expire.
    public var defaultTokenLifetime: Int?
    /// The API's base URL (templated).
    public var apiBaseUrl: String?
    /// How the token is presented to the API.
    public var tokenPresentation: TokenPresentation
    /// The API's rate-limit headers.
    public var rateLimit: RateLimitHeaders?
    /// The provider's documentation the entry was taken from.
    public var docsUrl: String?
    /// Quirks worth knowing.
    public var notes: String?
    /// How identities authenticate (absent: ``AuthMode/oauth2``). For `api_key` the key goes where
    /// ``tokenPresentation`` says; for `basic`, into `Authorization: Basic …`.
    public var authMode: AuthMode? = nil
    /// The provider's token revocation endpoint, where deleting an identity revokes its grant: RFC 7009 (a
    /// form POST of `token`, with client authentication), or, when ``revocationStyle`` says so, the
    /// provider's own (templated with `{token}`).
    public var revocationUrl: String? = nil
    /// How ``revocationUrl`` is called (absent: `rfc7009`).
    public var revocationStyle: RevocationStyle? = nil
    /// A request that checks entered API keys or Basic credentials before they are stored (a GET of this
    /// path under the API base URL, which must answer 2xx), where the provider has a cheap one.
    public var verificationPath: String? = nil

    /// The mode identities use unless the service overrides it.
    public var effectiveAuthMode: AuthMode { authMode ?? .oauth2 }

    /// How a revocation endpoint is called.
    public enum RevocationStyle: String, Sendable, Hashable, Codable {
        /// RFC 7009: `POST` with `token` and `token_type_hint` in a form body, client authentication as at
        /// the token endpoint.
        case rfc7009
        /// `DELETE` of the URL with `{token}` filled with the refresh token (HubSpot's
        /// `DELETE /oauth/v1/refresh-tokens/{token}`).
        case deleteRefreshToken = "delete_refresh_token"
    }

    /// Fields kept as identity metadata, from the token response and the callback query.
    public struct MetadataFields: Sendable, Hashable, Codable {
        /// Dotted paths into the token response.
        public var response: [String]
        /// Callback query parameters.
        public var callback: [String]

        /// Creates the list.
        public init(response: [String] = [], callback: [String] = []) {
            self.response = response
            self.callback = callback
        }
    }

    /// How a provider treats refresh tokens.
    public enum RefreshTokenBehavior: String, Sendable, Hashable, Codable {
        /// Each refresh returns a new refresh token.
        case rotates
        /// The same refresh token is reused.
        case `static`
        /// The provider issues no refresh tokens.
        case none
    }

    /// Where the token goes on API calls: a header and a prefix (`Authorization: Bearer …` by default), or,
    /// when ``query`` is set, a query parameter.
    public struct TokenPresentation: Sendable, Hashable, Codable {
        /// The header name.
        public var header: String
        /// What precedes the token in the header value.
        public var prefix: String
        /// The query parameter that carries the credential instead of the header (API keys such as Google
        /// Maps' `key`); nil for the header.
        public var query: String? = nil

        /// `Authorization: Bearer <token>`.
        public static let bearer = TokenPresentation(header: "Authorization", prefix: "Bearer ")

        /// Creates a presentation.
        public init(header: String, prefix: String, query: String? = nil) {
            self.header = header
            self.prefix = prefix
            self.query = query
        }
    }

    /// The rate-limit headers an API sends.
    public struct RateLimitHeaders: Sendable, Hashable, Codable {
        /// The header with the limit.
        public var limitHeader: String?
        /// The header with the requests remaining.
        public var remainingHeader: String?
        /// The header saying when the window resets.
        public var resetHeader: String?
        /// How to read the reset header.
        public var resetKind: ResetKind?

        /// Creates a set of headers.
        public init(
            limitHeader: String? = nil, remainingHeader: String? = nil, resetHeader: String? = nil,
            resetKind: ResetKind? = nil
        ) {
            self.limitHeader = limitHeader
            self.remainingHeader = remainingHeader
            self.resetHeader = resetHeader
            self.resetKind = resetKind
        }

        /// Units of a reset header.
        public enum ResetKind: String, Sendable, Hashable, Codable {
            case delaySeconds = "delay_seconds"
            case delayMilliseconds = "delay_milliseconds"
            case epochSeconds = "epoch_seconds"
            case epochMilliseconds = "epoch_milliseconds"
        }
    }
}
