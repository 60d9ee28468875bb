import Foundation

/// A request to a token endpoint: the code exchange or a refresh.
public struct TokenRequest: Sendable, Hashable {
    /// The grant being asked for.
    public enum Grant: Sendable, Hashable {
        /// Exchange an authorization code.
        case authorizationCode(code: String, redirectUri: String, codeVerifier: String?)
        /// Refresh with a refresh token.
        case refreshToken(String)
        /// The client-credentials grant (RFC 6749 §4.4), with the configuration's scopes when it has any.
        case clientCredentials

        /// The `grant_type` value.
        public var name: String {
            switch self {
            case .authorizationCode: "authorization_code"
            case .refreshToken: "refresh_token"
            case .clientCredentials: "client_credentials"
            }
        }
    }

    /// Where to send it.
    public var url: String
    /// The form body pairs, in order.
    public var form: [(String, String)]
    /// Extra headers (Basic authentication).
    public var headers: [(String, String)]

    public static func == (lhs: TokenRequest, rhs: TokenRequest) -> Bool {
        lhs.url == rhs.url && lhs.form.elementsEqual(rhs.form, by: ==) && lhs.headers.elementsEqual(rhs.headers, by: ==)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(url)
        for (name, value) in form { hasher.combine(name); hasher.combine(value) }
    }

    /// Builds the request for a grant under a client configuration.
    public init(grant: Grant, configuration: OAuthClientConfiguration) {
        var form: [(String, String)] = [("grant_type", grant.name)]
        let extra: [String: String]
        switch grant {
        case .authorizationCode(let code, let redirectUri, let codeVerifier):
            url = configuration.tokenUrl
            form.append(("code", code))
            form.append(("redirect_uri", redirectUri))
            if let codeVerifier { form.append(("code_verifier", codeVerifier)) }
            extra = configuration.tokenParams
        case .refreshToken(let refreshToken):
            url = configuration.refreshUrl
            form.append(("refresh_token", refreshToken))
            extra = configuration.refreshParams
        case .clientCredentials:
            url = configuration.tokenUrl
            if !configuration.scopes.isEmpty {
                form.append(("scope", configuration.scopes.joined(separator: configuration.scopeSeparator)))
            }
            extra = configuration.tokenParams
        }
        let client = Self.clientAuthentication(configuration)
        form.append(contentsOf: client.form)
        headers = client.headers
        let reserved = Set(form.map(\.0))
        for (name, value) in extra.sorted(by: { $0.key < $1.key }) where !reserved.contains(name) {
            form.append((name, value))
        }
        self.form = form
    }

    /// How the client authenticates at the provider's endpoints (token and RFC 7009 revocation): form fields
    /// or a Basic header, as the configuration says.
    public static func clientAuthentication(_ configuration: OAuthClientConfiguration)
        -> (form: [(String, String)], headers: [(String, String)])
    {
        switch configuration.tokenAuthMethod {
        case .clientSecretPost:
            return ([("client_id", configuration.clientId), ("client_secret", configuration.clientSecret)], [])
        case .clientSecretBasic:
            // RFC 6749 §2.3.1: id and secret are form-encoded before being joined.
            let credentials = "\(FormEncoding.escape(configuration.clientId)):\(FormEncoding.escape(configuration.clientSecret))"
            return ([], [("Authorization", "Basic " + Data(credentials.utf8).base64EncodedString())])
        }
    }

    /// The encoded body.
    public var body: String { FormEncoding.encode(form) }
}
