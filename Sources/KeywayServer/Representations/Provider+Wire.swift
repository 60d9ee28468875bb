import KeywayAPI
import KeywayCore

extension Components.Schemas.Provider: WireNulls {
    /// A catalog entry as `GET /v1/providers` shows it: every field of the catalog schema, `null` where the entry
    /// has no value, so a client sees the same shape as `providers.json`.
    init(_ provider: Provider) throws(KeywayError) {
        self.init(
            id: provider.id, displayName: provider.displayName, authorizationUrl: provider.authorizationUrl,
            tokenUrl: provider.tokenUrl, refreshUrl: provider.refreshUrl, params: provider.params,
            paramDefaults: .init(additionalProperties: provider.paramDefaults),
            paramValues: .init(additionalProperties: provider.paramValues),
            callbackParams: .init(additionalProperties: provider.callbackParams),
            scopeSeparator: provider.scopeSeparator, defaultScopes: provider.defaultScopes, pkce: provider.pkce,
            pkceUnsupported: provider.pkceUnsupported, issuer: provider.issuer,
            tokenAuthMethod: try wireCase(provider.tokenAuthMethod.rawValue),
            authorizationParams: .init(additionalProperties: provider.authorizationParams),
            tokenParams: .init(additionalProperties: provider.tokenParams),
            refreshParams: .init(additionalProperties: provider.refreshParams),
            accessTokenPath: provider.accessTokenPath, refreshTokenPath: provider.refreshTokenPath,
            expiresInPath: provider.expiresInPath,
            metadata: .init(response: provider.metadata.response, callback: provider.metadata.callback),
            metadataHosts: .init(additionalProperties: provider.metadataHosts ?? [:]),
            refreshTokens: try wireCase(provider.refreshTokens.rawValue),
            defaultTokenLifetime: provider.defaultTokenLifetime, apiBaseUrl: provider.apiBaseUrl,
            tokenPresentation: .init(
                header: provider.tokenPresentation.header, prefix: provider.tokenPresentation.prefix,
                query: provider.tokenPresentation.query),
            rateLimit: try provider.rateLimit.map { headers throws(KeywayError) in
                .init(
                    limitHeader: headers.limitHeader, remainingHeader: headers.remainingHeader,
                    resetHeader: headers.resetHeader,
                    resetKind: try headers.resetKind.map { kind throws(KeywayError) in try wireCase(kind.rawValue) })
            },
            docsUrl: provider.docsUrl, notes: provider.notes, authMode: try wireCase(provider.effectiveAuthMode.rawValue),
            revocationUrl: provider.revocationUrl,
            revocationStyle: try provider.revocationUrl.map { _ throws(KeywayError) in
                try wireCase((provider.revocationStyle ?? .rfc7009).rawValue)
            },
            verificationPath: provider.verificationPath)
    }

    /// Every field is present, `null` where the entry has no value.
    static var nullKeys: WireNullKeys { .all }
}

extension Components.Schemas.Provider.RateLimitPayload: WireNulls {
    /// Each header is `null` when the API does not send it.
    static var nullKeys: WireNullKeys { .all }
}
