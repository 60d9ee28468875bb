extension Provider {
    /// The `custom` provider: a service using it supplies its own URLs.
    public static let custom = Provider(
        id: "custom", displayName: "Custom OAuth 2 provider", authorizationUrl: "", tokenUrl: "", refreshUrl: nil,
        params: [], paramDefaults: [:], paramValues: [:], callbackParams: [:], scopeSeparator: " ", defaultScopes: [], pkce: true,
        tokenAuthMethod: .clientSecretPost, authorizationParams: [:], tokenParams: [:], refreshParams: [:],
        accessTokenPath: "access_token", refreshTokenPath: "refresh_token", expiresInPath: "expires_in",
        metadata: .init(), refreshTokens: .rotates, defaultTokenLifetime: nil, apiBaseUrl: nil,
        tokenPresentation: .bearer, rateLimit: nil, docsUrl: nil,
        notes: "URLs come from the service: authorizationUrl, tokenUrl and apiBaseUrl.")
}
