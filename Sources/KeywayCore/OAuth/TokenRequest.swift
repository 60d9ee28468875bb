import Foundation

/// A request to a token endpoint: the code exchange or a refresh.
public struct TokenRequest: Sendable, Hashable {
    /// The grant being asked for.
    public enum Grant: Sendable, Hashable {
        /// Exchange an authorization code.
        case authorizationCode(code: String, redirectUri: String, codeVerifier: String?)
        /// Refresh with a refresh token.
        case refreshToken(String)

        /// The `grant_type` value.
        public var name: String {
            switch self {
            case .authorizationCode: "authorization_code"
            case .refreshToken: "refresh_token"
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
        }
        switch configuration.tokenAuthMethod {
        case .clientSecretPost:
            form.append(("client_id", configuration.clientId))
            form.append(("client_secret", configuration.clientSecret))
            headers = []
        case .clientSecretBasic:
            // RFC 6749 §2.3.1: id and secret are form-encoded before being joined.
            let credentials = "\(FormEncoding.escape(configuration.clientId)):\(FormEncoding.escape(configuration.clientSecret))"
            headers = [("Authorization", "Basic " + Data(credentials.utf8).base64EncodedString())]
        }
        let reserved = Set(form.map(\.0))
        for (name, value) in extra.sorted(by: { $0.key < $1.key }) where !reserved.contains(name) {
            form.append((name, value))
        }
        self.form = form
    }

    /// The encoded body.
    public var body: String { FormEncoding.encode(form) }
}
