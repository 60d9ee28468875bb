import Foundation

/// The fields of a token request, whichever endpoint received it.
struct TokenRequest: Sendable {
    var fields: [String: String]
    /// Client credentials from HTTP Basic, when the client used it.
    var basic: (id: String, secret: String)?

    var grantType: String? { fields["grant_type"].flatMap { $0.isEmpty ? nil : $0 } }
    var clientId: String? { fields["client_id"] ?? basic?.id }
    var clientSecret: String? { fields["client_secret"] ?? basic?.secret }
}

/// What a successful grant hands out.
struct IssuedTokens: Sendable {
    var accessToken: String
    var refreshToken: String
    var expiresIn: Int
    var installation: Installation
}

extension SandboxState {
    /// Runs one token request: counts it, authenticates the client and applies the grant.
    mutating func grant(_ request: TokenRequest, now: Date) -> Result<IssuedTokens, TokenFailure> {
        stats.tokenRequests[request.grantType ?? "missing", default: 0] += 1
        guard let grantType = request.grantType else { return .failure(.missingGrantType) }
        guard grantType == "authorization_code" || grantType == "refresh_token" else {
            return .failure(.unsupportedGrantType)
        }
        if let failure = authenticateClient(request) { return .failure(failure) }
        let clientId = options.clientId
        switch grantType {
        case "authorization_code":
            return exchangeCode(request, clientId: clientId, now: now)
        default:
            return refresh(request, clientId: clientId, now: now)
        }
    }

    /// Checks the client id and secret (from the body or HTTP Basic) against the sandbox's client.
    func authenticateClient(_ request: TokenRequest) -> TokenFailure? {
        guard let id = request.clientId, Tokens.constantTimeEqual(id, options.clientId) else { return .badClientId }
        guard let secret = request.clientSecret, Tokens.constantTimeEqual(secret, options.clientSecret) else {
            return .badClientSecret
        }
        return nil
    }

    private mutating func exchangeCode(
        _ request: TokenRequest,
        clientId: String,
        now: Date
    ) -> Result<IssuedTokens, TokenFailure> {
        guard let code = request.fields["code"], !code.isEmpty else { return .failure(.missingCode) }
        guard let pending = codes[code] else { return .failure(.badAuthCode) }
        guard pending.expiresAt > now else {
            codes[code] = nil
            return .failure(.badAuthCode)
        }
        guard pending.clientId == clientId else { return .failure(.badAuthCode) }
        guard let redirectURI = request.fields["redirect_uri"], !redirectURI.isEmpty else {
            return .failure(.missingRedirectURI)
        }
        guard redirectURI == pending.redirectURI else { return .failure(.redirectURIMismatch) }
        if let challenge = pending.codeChallenge {
            guard let verifier = request.fields["code_verifier"],
                Tokens.verify(verifier: verifier, challenge: challenge, method: pending.codeChallengeMethod ?? "plain")
            else { return .failure(.badCodeVerifier) }
        }
        codes[code] = nil
        let installation = Installation(
            clientId: clientId,
            hubId: SandboxAccount.hubId,
            userId: SandboxAccount.userId,
            user: SandboxAccount.user,
            scopes: pending.scopes
        )
        let refreshToken = Tokens.random(prefix: "sbx-rt-")
        refreshTokens[refreshToken] = installation
        return .success(issueAccessToken(installation, refreshToken: refreshToken, now: now))
    }

    private mutating func refresh(
        _ request: TokenRequest,
        clientId: String,
        now: Date
    ) -> Result<IssuedTokens, TokenFailure> {
        guard let token = request.fields["refresh_token"], !token.isEmpty else {
            return .failure(.missingRefreshToken)
        }
        guard let installation = refreshTokens[token], installation.clientId == clientId else {
            return .failure(.badRefreshToken)
        }
        var refreshToken = token
        if options.rotateRefreshTokens {
            refreshTokens[token] = nil
            refreshToken = Tokens.random(prefix: "sbx-rt-")
            refreshTokens[refreshToken] = installation
        }
        return .success(issueAccessToken(installation, refreshToken: refreshToken, now: now))
    }

    private mutating func issueAccessToken(
        _ installation: Installation,
        refreshToken: String,
        now: Date
    ) -> IssuedTokens {
        pruneIfDue(now: now)
        let lifetime = options.tokenLifetimeSeconds
        let accessToken = Tokens.random(prefix: "sbx-at-")
        accessTokens[accessToken] = AccessTokenRecord(
            installation: installation,
            expiresAt: now.addingTimeInterval(lifetime)
        )
        return IssuedTokens(
            accessToken: accessToken,
            refreshToken: refreshToken,
            expiresIn: Int(lifetime.rounded()),
            installation: installation
        )
    }
}
