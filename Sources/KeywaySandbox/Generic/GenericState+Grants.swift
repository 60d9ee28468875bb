import Foundation

/// The fields of a token request and the HTTP Basic credentials that came with it.
struct GenericTokenRequest: Sendable {
    var fields: [String: String]
    var basic: (id: String, secret: String)?

    var grantType: String? { fields["grant_type"].flatMap { $0.isEmpty ? nil : $0 } }
}

extension GenericState {
    /// Runs one token request: counts it, authenticates the client as the options demand, applies the grant.
    ///
    /// - Parameter atRefreshPath: whether the request came to ``SandboxGenericOptions/refreshPath`` rather than
    ///   `oauth/token`.
    mutating func grant(_ request: GenericTokenRequest, now: Date, atRefreshPath: Bool = false)
        -> Result<GenericIssuedTokens, GenericTokenFailure>
    {
        stats.tokenRequests[request.grantType ?? "missing", default: 0] += 1
        if let failure = authenticateClient(request) { return .failure(failure) }
        if options.refreshPath != nil, let grantType = request.grantType,
            (grantType == "refresh_token") != atRefreshPath
        {
            return .failure(.wrongEndpoint)
        }
        for (name, value) in options.requiredTokenFields[request.grantType ?? ""] ?? [:]
        where request.fields[name] != value {
            return .failure(.missingRequiredField(name))
        }
        switch request.grantType {
        case nil: return .failure(.missingGrantType)
        case "authorization_code": return exchangeCode(request.fields, now: now)
        case "refresh_token" where options.refreshTokens != .none: return refresh(request.fields, now: now)
        case "client_credentials":
            // RFC 6749 §4.4: no user and no refresh token; the grant is the client's own.
            let scopes = (request.fields["scope"] ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            let grant = GenericGrant(
                clientId: options.clientId, account: "client:" + options.clientId, scopes: scopes,
                companyId: options.companyId)
            return .success(issue(grant, refreshToken: nil, isRefresh: false, now: now))
        default: return .failure(.unsupportedGrantType)
        }
    }

    /// Checks the client id and secret where the options want them.
    func authenticateClient(_ request: GenericTokenRequest) -> GenericTokenFailure? {
        let body = request.fields["client_secret"].map { (request.fields["client_id"] ?? "", $0) }
        let credentials: (id: String, secret: String)
        switch options.clientAuthentication {
        case .basic:
            guard body == nil else { return .clientMustUseBasic }
            guard let basic = request.basic else { return .clientMustUseBasic }
            credentials = basic
        case .formBody:
            guard let body else { return .clientMustUseBody }
            credentials = body
        case .either:
            guard let found = body ?? request.basic else { return .badClient }
            credentials = found
        }
        guard Tokens.constantTimeEqual(credentials.id, options.clientId),
            Tokens.constantTimeEqual(credentials.secret, options.clientSecret)
        else { return .badClient }
        return nil
    }

    private mutating func exchangeCode(_ fields: [String: String], now: Date)
        -> Result<GenericIssuedTokens, GenericTokenFailure>
    {
        guard let code = fields["code"], let pending = codes.removeValue(forKey: code), pending.expiresAt > now else {
            return .failure(.badCode)
        }
        guard fields["redirect_uri"] == pending.redirectURI else { return .failure(.redirectURIMismatch) }
        if let challenge = pending.codeChallenge {
            guard let verifier = fields["code_verifier"],
                Tokens.verify(verifier: verifier, challenge: challenge, method: pending.codeChallengeMethod ?? "plain")
            else { return .failure(.badCodeVerifier) }
        }
        var refreshToken: String?
        if options.refreshTokens != .none {
            let token = Tokens.random(prefix: "gen-rt-")
            refreshTokens[token] = pending.grant
            refreshToken = token
        }
        return .success(issue(pending.grant, refreshToken: refreshToken, isRefresh: false, now: now))
    }

    private mutating func refresh(_ fields: [String: String], now: Date)
        -> Result<GenericIssuedTokens, GenericTokenFailure>
    {
        guard let token = fields["refresh_token"], let grant = refreshTokens[token] else {
            return .failure(.badRefreshToken)
        }
        var answered: String?
        if options.refreshTokens == .rotate {
            refreshTokens[token] = nil
            let next = Tokens.random(prefix: "gen-rt-")
            refreshTokens[next] = grant
            answered = next
        }
        return .success(issue(grant, refreshToken: answered, isRefresh: true, now: now))
    }

    private mutating func issue(_ grant: GenericGrant, refreshToken: String?, isRefresh: Bool, now: Date)
        -> GenericIssuedTokens
    {
        let accessToken = Tokens.random(prefix: "gen-at-")
        let lifetime = options.tokenLifetimeSeconds
        accessTokens[accessToken] = GenericAccessRecord(
            grant: grant, expiresAt: lifetime.map { now.addingTimeInterval(TimeInterval($0)) })
        return GenericIssuedTokens(
            accessToken: accessToken, refreshToken: refreshToken, expiresIn: lifetime, grant: grant,
            isRefresh: isRefresh)
    }
}

extension GenericState {
    /// RFC 7009: forgets an access or refresh token (unknown tokens are not an error) after authenticating the
    /// client; counts the request.
    mutating func revoke(_ request: GenericTokenRequest) -> GenericTokenFailure? {
        stats.revocations += 1
        if let failure = authenticateClient(request) { return failure }
        guard let token = request.fields["token"], !token.isEmpty else { return .missingGrantType }
        if refreshTokens.removeValue(forKey: token) != nil || accessTokens.removeValue(forKey: token) != nil {
            stats.revokedTokens += 1
        }
        return nil
    }
}
