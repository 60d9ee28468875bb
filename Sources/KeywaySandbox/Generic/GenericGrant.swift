import Foundation

/// What one person granted a generic sandbox's client: the account, the scopes and, for QuickBooks-like
/// sandboxes, the company. Every token issued from one grant shares it.
struct GenericGrant: Sendable, Equatable {
    var clientId: String
    var account: String
    var scopes: [String]
    var companyId: String?
}

/// An authorization code waiting to be exchanged: single use, ten minutes.
struct GenericPendingCode: Sendable {
    var grant: GenericGrant
    var redirectURI: String
    var codeChallenge: String?
    var codeChallengeMethod: String?
    var expiresAt: Date
}

/// An issued access token; `expiresAt` is `nil` for tokens that never expire.
struct GenericAccessRecord: Sendable {
    var grant: GenericGrant
    var expiresAt: Date?
}

/// What a successful token request hands out.
struct GenericIssuedTokens: Sendable {
    var accessToken: String
    /// The refresh token to put in the answer, if any (a reused one is not repeated).
    var refreshToken: String?
    var expiresIn: Int?
    var grant: GenericGrant
    /// Whether this answers the refresh grant (Slack-like sandboxes then answer at the top level).
    var isRefresh: Bool
}
