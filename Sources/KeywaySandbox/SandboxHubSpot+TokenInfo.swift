import Foundation
import Hummingbird

/// Token metadata, as `GET /oauth/v1/access-tokens/{token}`, `GET /oauth/v1/refresh-tokens/{token}` and
/// `POST /oauth/2026-03/token/introspect` return it.
struct TokenInfoBody: Encodable, Sendable {
    var active: Bool?
    var token: String
    var user: String
    var hubDomain: String
    var scopes: [String]
    var hubId: Int
    var appId: Int
    var clientId: String?
    var expiresIn: Int?
    var userId: Int
    var tokenType: String
    var tokenUse: String?
    var isPrivateDistribution: Bool?
    /// The client the token was issued to; shown by introspection only.
    private var installationClientId: String

    enum CodingKeys: String, CodingKey {
        case active, token, user, scopes
        case hubDomain = "hub_domain"
        case hubId = "hub_id"
        case appId = "app_id"
        case clientId = "client_id"
        case expiresIn = "expires_in"
        case userId = "user_id"
        case tokenType = "token_type"
        case tokenUse = "token_use"
        case isPrivateDistribution = "is_private_distribution"
    }

    init(token: String, installation: Installation, expiresIn: Int?) {
        self.token = token
        self.installationClientId = installation.clientId
        self.user = installation.user
        self.hubDomain = SandboxAccount.hubDomain
        self.scopes = installation.scopes
        self.hubId = installation.hubId
        self.appId = SandboxAccount.appId
        self.userId = installation.userId
        self.expiresIn = expiresIn
        self.tokenType = expiresIn == nil ? "refresh" : "access"
        if expiresIn != nil { self.isPrivateDistribution = false }
    }

    /// The 2026-03 introspection shape: the same metadata plus `active`, `client_id` and `token_use`.
    func introspected() -> TokenInfoBody {
        var body = self
        body.active = true
        body.clientId = installationClientId
        body.tokenUse = expiresIn == nil ? "refresh_token" : "access_token"
        return body
    }
}

/// `{"active":false}`: RFC 7662's answer for an unknown, expired or revoked token.
struct InactiveTokenBody: Encodable, Sendable {
    var active = false
}

extension SandboxHubSpot {
    func addTokenInfoRoutes<Context: RequestContext>(to group: RouterGroup<Context>) {
        group.get("oauth/v1/access-tokens/:token") { _, context in
            self.accessTokenInfo(HTTP.pathParameter("token", context))
        }
        group.get("oauth/v1/refresh-tokens/:token") { _, context in
            self.refreshTokenInfo(HTTP.pathParameter("token", context))
        }
        group.delete("oauth/v1/refresh-tokens/:token") { _, context in
            self.deleteRefreshToken(HTTP.pathParameter("token", context))
        }
        group.post("oauth/2026-03/token/introspect") { request, _ in
            try await self.introspect(request)
        }
        group.post("oauth/2026-03/token/revoke") { request, _ in
            try await self.revoke(request)
        }
    }

    /// Metadata of an access token that is known and not expired.
    func liveAccessToken(_ token: String, now: Date) -> TokenInfoBody? {
        guard let record = state.withLock({ $0.accessTokens[token] }), record.expiresAt > now else { return nil }
        let remaining = Int(record.expiresAt.timeIntervalSince(now).rounded(.down))
        return TokenInfoBody(token: token, installation: record.installation, expiresIn: remaining)
    }

    /// Metadata of a refresh token that has not been revoked or rotated away.
    func liveRefreshToken(_ token: String) -> TokenInfoBody? {
        guard let installation = state.withLock({ $0.refreshTokens[token] }) else { return nil }
        return TokenInfoBody(token: token, installation: installation, expiresIn: nil)
    }

    func accessTokenInfo(_ token: String) -> Response {
        guard let info = liveAccessToken(token, now: Date()) else {
            return HTTP.json(
                HubSpotAPIError(message: "The access token is unknown or has expired.", category: "OBJECT_NOT_FOUND"),
                status: .notFound
            )
        }
        return HTTP.json(info)
    }

    func refreshTokenInfo(_ token: String) -> Response {
        guard let info = liveRefreshToken(token) else { return refreshTokenNotFound() }
        return HTTP.json(info)
    }

    /// Deletes a refresh token. Access tokens issued from it stay valid until they expire, as on HubSpot.
    func deleteRefreshToken(_ token: String) -> Response {
        let removed = state.withLock { $0.refreshTokens.removeValue(forKey: token) != nil }
        return removed ? HTTP.empty(.noContent) : refreshTokenNotFound()
    }

    private func refreshTokenNotFound() -> Response {
        HTTP.json(
            HubSpotAPIError(message: "The refresh token is unknown or was revoked.", category: "OBJECT_NOT_FOUND"),
            status: .notFound
        )
    }

    /// `POST /oauth/2026-03/token/introspect`: client credentials and `token` in the body.
    func introspect(_ request: Request) async throws -> Response {
        let tokenRequest = TokenRequest(
            fields: HTTP.parseForm(try await HTTP.bodyText(of: request)),
            basic: HTTP.basicCredentials(of: request)
        )
        if let failure = state.withLock({ $0.authenticateClient(tokenRequest) }) {
            return Self.render(failure, version: .dated2026March)
        }
        guard let token = tokenRequest.fields["token"], !token.isEmpty else {
            return Self.render(.missingToken, version: .dated2026March)
        }
        let hint = tokenRequest.fields["token_type_hint"]
        let lookups: [() -> TokenInfoBody?] =
            hint == "refresh_token"
            ? [{ self.liveRefreshToken(token) }, { self.liveAccessToken(token, now: Date()) }]
            : [{ self.liveAccessToken(token, now: Date()) }, { self.liveRefreshToken(token) }]
        for lookup in lookups {
            if let info = lookup() {
                return HTTP.json(info.introspected())
            }
        }
        return HTTP.json(InactiveTokenBody())
    }

    /// `POST /oauth/2026-03/token/revoke`: revokes a refresh token; unknown tokens are not an error (RFC 7009).
    func revoke(_ request: Request) async throws -> Response {
        let tokenRequest = TokenRequest(
            fields: HTTP.parseForm(try await HTTP.bodyText(of: request)),
            basic: HTTP.basicCredentials(of: request)
        )
        if let failure = state.withLock({ $0.authenticateClient(tokenRequest) }) {
            return Self.render(failure, version: .dated2026March)
        }
        guard let token = tokenRequest.fields["token"], !token.isEmpty else {
            return Self.render(.missingToken, version: .dated2026March)
        }
        state.withLock { _ = $0.refreshTokens.removeValue(forKey: token) }
        return HTTP.empty(.ok)
    }
}
