import KeywayCore

/// A service as the contract shows it: never the client secret.
struct ServiceRepresentation: Encodable {
    let id: String
    let provider: String
    let clientId: String
    let scopes: [String]
    let authorizationParams: [String: String]
    let authorizationUrl: String?
    let tokenUrl: String?
    let apiBaseUrl: String?
    let pkce: Bool?
    let tokenAuthMethod: String?
    let issuer: String?
    let authMode: String?
    let revocationUrl: String?
    let callbackUrl: String
    let createdAt: String
    let updatedAt: String

    init(_ service: Service, callbackUrl: String) {
        id = service.id
        provider = service.provider
        clientId = service.clientId
        scopes = service.scopes
        authorizationParams = service.authorizationParams
        authorizationUrl = service.authorizationUrl
        tokenUrl = service.tokenUrl
        apiBaseUrl = service.apiBaseUrl
        pkce = service.pkce
        tokenAuthMethod = service.tokenAuthMethod?.rawValue
        issuer = service.issuer
        authMode = service.authMode?.rawValue
        revocationUrl = service.revocationUrl
        self.callbackUrl = callbackUrl
        createdAt = service.createdAt.rfc3339
        updatedAt = service.updatedAt.rfc3339
    }
}
