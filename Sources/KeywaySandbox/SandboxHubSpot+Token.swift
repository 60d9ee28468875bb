import Foundation
import Hummingbird

/// The body of a successful token response.
///
/// v1 returns `token_type`, `refresh_token`, `access_token`, `expires_in`, `hub_id` and `scopes`; 2026-03 adds
/// `user_id` and `token_use`.
struct TokenResponseBody: Encodable, Sendable {
    var tokenType = "bearer"
    var refreshToken: String
    var accessToken: String
    var expiresIn: Int
    var hubId: Int
    var scopes: [String]
    var userId: Int?
    var tokenUse: String?

    enum CodingKeys: String, CodingKey {
        case tokenType = "token_type"
        case refreshToken = "refresh_token"
        case accessToken = "access_token"
        case expiresIn = "expires_in"
        case hubId = "hub_id"
        case scopes
        case userId = "user_id"
        case tokenUse = "token_use"
    }

    init(_ issued: IssuedTokens, version: TokenEndpointVersion) {
        self.refreshToken = issued.refreshToken
        self.accessToken = issued.accessToken
        self.expiresIn = issued.expiresIn
        self.hubId = issued.installation.hubId
        self.scopes = issued.installation.scopes
        if version == .dated2026March {
            self.userId = issued.installation.userId
            self.tokenUse = "access_token"
        }
    }
}

extension SandboxHubSpot {
    func addTokenRoutes<Context: RequestContext>(to group: RouterGroup<Context>) {
        group.post("oauth/v1/token") { request, _ in
            try await self.token(request, version: .v1)
        }
        group.post("oauth/2026-03/token") { request, _ in
            try await self.token(request, version: .dated2026March)
        }
    }

    /// Both token endpoints: the same grants, rendered in the endpoint's own error style.
    func token(_ request: Request, version: TokenEndpointVersion) async throws -> Response {
        let tokenRequest = TokenRequest(
            fields: HTTP.parseForm(try await HTTP.bodyText(of: request)),
            basic: HTTP.basicCredentials(of: request)
        )
        let now = Date()
        let (result, delay) = state.withLock { ($0.grant(tokenRequest, now: now), $0.options.tokenDelay) }
        if delay > .zero { try await Task.sleep(for: delay) }
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        switch result {
        case .success(let issued):
            return HTTP.json(TokenResponseBody(issued, version: version), headers: headers)
        case .failure(let failure):
            return Self.render(failure, version: version, headers: headers)
        }
    }

    /// An OAuth failure as the given endpoint version answers it.
    static func render(_ failure: TokenFailure, version: TokenEndpointVersion, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        let code = failure.httpStatus(for: version)
        if code == 401 { headers[.wwwAuthenticate] = "Basic realm=\"hubspot\"" }
        return HTTP.json(OAuthErrorBody(failure), code: code, headers: headers)
    }
}
