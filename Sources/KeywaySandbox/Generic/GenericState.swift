import Foundation

/// Everything a generic sandbox remembers. It lives behind one `Mutex` in ``SandboxGeneric``.
struct GenericState: Sendable {
    let options: SandboxGenericOptions
    var codes: [String: GenericPendingCode] = [:]
    var accessTokens: [String: GenericAccessRecord] = [:]
    var refreshTokens: [String: GenericGrant] = [:]
    var stats = SandboxGenericStats()
    /// How token and API answers are delivered now (``SandboxGeneric/setDelivery(_:)``) and what that did.
    var delivery: SandboxDelivery
    var deliveryStats = SandboxDeliveryStats()

    init(options: SandboxGenericOptions) {
        self.options = options
        self.delivery = options.delivery
    }

    /// The one account every authorization is for.
    static let account = "acct-sandbox-0001"

    /// How long an authorization code can be exchanged.
    static let codeLifetime: TimeInterval = 600

    /// Stores a fresh single-use code for an approved request.
    mutating func issueCode(for authorization: GenericAuthorization, now: Date) -> String {
        let code = Tokens.random(prefix: "gen-code-")
        codes[code] = GenericPendingCode(
            grant: GenericGrant(
                clientId: authorization.clientId, account: Self.account, scopes: authorization.scopes,
                companyId: options.companyId),
            redirectURI: authorization.redirectURI, codeChallenge: authorization.codeChallenge,
            codeChallengeMethod: authorization.codeChallengeMethod,
            expiresAt: now.addingTimeInterval(Self.codeLifetime))
        return code
    }

    /// The grant behind an access token, if the token is known; `expired` says whether it has run out.
    func lookUp(accessToken: String, now: Date) -> (grant: GenericGrant, expired: Bool)? {
        guard let record = accessTokens[accessToken] else { return nil }
        return (record.grant, record.expiresAt.map { $0 <= now } ?? false)
    }
}
