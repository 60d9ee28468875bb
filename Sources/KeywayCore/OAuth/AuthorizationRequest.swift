/// The browser's first leg: the provider's consent URL for one session.
public struct AuthorizationRequest: Sendable, Hashable {
    /// The client configuration.
    public var configuration: OAuthClientConfiguration
    /// Keyway's callback URL, registered with the provider.
    public var redirectUri: String
    /// The session's state.
    public var state: String
    /// The session's PKCE verifier, if PKCE is used.
    public var codeVerifier: String?

    /// Creates a request.
    public init(configuration: OAuthClientConfiguration, redirectUri: String, state: String, codeVerifier: String?) {
        self.configuration = configuration
        self.redirectUri = redirectUri
        self.state = state
        self.codeVerifier = codeVerifier
    }

    /// The URL to send the browser to.
    public var url: String {
        var pairs: [(String, String)] = [
            ("response_type", "code"),
            ("client_id", configuration.clientId),
            ("redirect_uri", redirectUri),
        ]
        if !configuration.scopes.isEmpty {
            pairs.append(("scope", configuration.scopes.joined(separator: configuration.scopeSeparator)))
        }
        pairs.append(("state", state))
        if let codeVerifier {
            pairs.append(("code_challenge", PKCE.challenge(for: codeVerifier)))
            pairs.append(("code_challenge_method", "S256"))
        }
        let reserved: Set<String> = Set(pairs.map(\.0))
        for (name, value) in configuration.authorizationParams.sorted(by: { $0.key < $1.key })
        where !reserved.contains(name) {
            pairs.append((name, value))
        }
        return FormEncoding.appending(pairs, to: configuration.authorizationUrl)
    }
}
