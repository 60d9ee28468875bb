import KeywayAPI
import KeywayCore

extension Components.Schemas.Service {
    /// A service as the contract shows it: never the client secret.
    init(_ service: Service, callbackUrl: String) throws(KeywayError) {
        self.init(
            id: service.id, provider: service.provider, clientId: service.clientId, scopes: service.scopes,
            authorizationParams: .init(additionalProperties: service.authorizationParams),
            authorizationUrl: service.authorizationUrl, tokenUrl: service.tokenUrl, apiBaseUrl: service.apiBaseUrl,
            pkce: service.pkce, tokenAuthMethod: try service.tokenAuthMethod.map { raw throws(KeywayError) in try wireCase(raw.rawValue) },
            issuer: service.issuer, authMode: try service.authMode.map { raw throws(KeywayError) in try wireCase(raw.rawValue) },
            revocationUrl: service.revocationUrl, callbackUrl: callbackUrl, createdAt: service.createdAt,
            updatedAt: service.updatedAt)
    }
}

extension ServiceDefinition {
    /// The body of `PUT /v1/services/{service}` as the domain takes it.
    init(_ body: Components.Schemas.ServiceDefinition) {
        self.init(
            provider: body.provider, clientId: body.clientId, clientSecret: body.clientSecret, scopes: body.scopes,
            authorizationParams: body.authorizationParams?.additionalProperties,
            authorizationUrl: body.authorizationUrl, tokenUrl: body.tokenUrl, apiBaseUrl: body.apiBaseUrl,
            pkce: body.pkce, tokenAuthMethod: body.tokenAuthMethod.flatMap { TokenAuthMethod(rawValue: $0.rawValue) },
            issuer: body.issuer)
        authMode = body.authMode.flatMap { AuthMode(rawValue: $0.rawValue) }
        revocationUrl = body.revocationUrl
    }
}
