import KeywayCore

/// A catalog entry as `GET /v1/providers` shows it: every field of the catalog schema, `null` where the entry has
/// no value, so a client sees the same shape as `providers.json`.
struct ProviderRepresentation: Encodable {
    let provider: Provider

    init(_ provider: Provider) {
        self.provider = provider
    }

    enum CodingKeys: String, CodingKey {
        case id, displayName, authorizationUrl, tokenUrl, refreshUrl, params, paramDefaults, paramValues, callbackParams
        case scopeSeparator, defaultScopes, pkce, pkceUnsupported, issuer, tokenAuthMethod, authorizationParams, tokenParams
        case refreshParams, accessTokenPath, refreshTokenPath, expiresInPath, metadata, metadataHosts, refreshTokens
        case defaultTokenLifetime, apiBaseUrl
        case tokenPresentation, rateLimit, docsUrl, notes
        case authMode, revocationUrl, revocationStyle, verificationPath
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(provider.id, forKey: .id)
        try container.encode(provider.displayName, forKey: .displayName)
        try container.encode(provider.authorizationUrl, forKey: .authorizationUrl)
        try container.encode(provider.tokenUrl, forKey: .tokenUrl)
        try container.encode(provider.refreshUrl, forKey: .refreshUrl)
        try container.encode(provider.params, forKey: .params)
        try container.encode(provider.paramDefaults, forKey: .paramDefaults)
        try container.encode(provider.paramValues, forKey: .paramValues)
        try container.encode(provider.callbackParams, forKey: .callbackParams)
        try container.encode(provider.scopeSeparator, forKey: .scopeSeparator)
        try container.encode(provider.defaultScopes, forKey: .defaultScopes)
        try container.encode(provider.pkce, forKey: .pkce)
        try container.encode(provider.pkceUnsupported, forKey: .pkceUnsupported)
        try container.encode(provider.issuer, forKey: .issuer)
        try container.encode(provider.tokenAuthMethod, forKey: .tokenAuthMethod)
        try container.encode(provider.authorizationParams, forKey: .authorizationParams)
        try container.encode(provider.tokenParams, forKey: .tokenParams)
        try container.encode(provider.refreshParams, forKey: .refreshParams)
        try container.encode(provider.accessTokenPath, forKey: .accessTokenPath)
        try container.encode(provider.refreshTokenPath, forKey: .refreshTokenPath)
        try container.encode(provider.expiresInPath, forKey: .expiresInPath)
        try container.encode(provider.metadata, forKey: .metadata)
        try container.encode(provider.metadataHosts ?? [:], forKey: .metadataHosts)
        try container.encode(provider.refreshTokens, forKey: .refreshTokens)
        try container.encode(provider.defaultTokenLifetime, forKey: .defaultTokenLifetime)
        try container.encode(provider.apiBaseUrl, forKey: .apiBaseUrl)
        try container.encode(provider.tokenPresentation, forKey: .tokenPresentation)
        try container.encode(provider.rateLimit.map(Self.rateLimit), forKey: .rateLimit)
        try container.encode(provider.docsUrl, forKey: .docsUrl)
        try container.encode(provider.notes, forKey: .notes)
        try container.encode(provider.effectiveAuthMode, forKey: .authMode)
        try container.encode(provider.revocationUrl, forKey: .revocationUrl)
        try container.encode(provider.revocationUrl == nil ? nil : (provider.revocationStyle ?? .rfc7009), forKey: .revocationStyle)
        try container.encode(provider.verificationPath, forKey: .verificationPath)
    }

    /// The rate-limit headers with `null` for the ones the API does not send.
    private static func rateLimit(_ headers: Provider.RateLimitHeaders) -> [String: String?] {
        [
            "limitHeader": headers.limitHeader, "remainingHeader": headers.remainingHeader,
            "resetHeader": headers.resetHeader, "resetKind": headers.resetKind?.rawValue,
        ]
    }
}
