import Foundation

/// The portal (hub) and user every sandbox authorization is for.
///
/// Real HubSpot lets the user pick an account on the consent page; the sandbox has exactly one.
enum SandboxAccount {
    static let hubId = 62515
    static let hubDomain = "keyway-sandbox.hubspot.test"
    static let userId = 9_115_002
    static let user = "sandbox.user@keyway.test"
    static let appId = 4_242_001
}

/// What one user granted: the client, the portal and the scopes. Tokens issued from one grant share it.
struct Installation: Sendable, Equatable {
    var clientId: String
    var hubId: Int
    var userId: Int
    var user: String
    var scopes: [String]
}

/// An authorization code waiting to be exchanged: single use, ten minutes.
struct PendingCode: Sendable {
    var clientId: String
    var redirectURI: String
    var scopes: [String]
    var codeChallenge: String?
    var codeChallengeMethod: String?
    var expiresAt: Date
}

/// An issued access token.
struct AccessTokenRecord: Sendable {
    var installation: Installation
    var expiresAt: Date
}

/// A fault armed through `POST /_faults`: the next `remaining` API calls fail with `status`.
struct PendingFault: Codable, Sendable, Equatable {
    var status: Int
    var remaining: Int
    var retryAfter: Int
}

/// One contact in a portal's CRM.
struct ContactRecord: Sendable {
    var id: Int
    var properties: [String: String]
    var createdAt: Date
    var updatedAt: Date
}

/// One portal's contacts, indexed by id and by (lowercased) email.
struct ContactBook: Sendable {
    var byId: [Int: ContactRecord] = [:]
    var idByEmail: [String: Int] = [:]
}

/// Everything the sandbox remembers. It lives behind one `Mutex` in ``SandboxHubSpot``.
struct SandboxState: Sendable {
    var options: SandboxOptions
    var codes: [String: PendingCode] = [:]
    var accessTokens: [String: AccessTokenRecord] = [:]
    var refreshTokens: [String: Installation] = [:]
    /// Contacts per hub id.
    var contacts: [Int: ContactBook] = [:]
    var nextContactId = 1001
    var fault: PendingFault?
    var stats = SandboxStats()
    /// API requests per wall-clock second, for the rolling ten-second rate-limit headers.
    var requestsPerSecond: [Int: Int] = [:]
    var issuedSincePrune = 0

    init(options: SandboxOptions) {
        self.options = options
    }

    /// How long an expired access token is still recognised (to answer EXPIRED rather than INVALID).
    static let expiredTokenMemory: TimeInterval = 24 * 3600

    /// Drops expired codes and long-expired access tokens now and then, so a long benchmark stays small.
    mutating func pruneIfDue(now: Date) {
        issuedSincePrune += 1
        guard issuedSincePrune >= 500 else { return }
        issuedSincePrune = 0
        codes = codes.filter { $0.value.expiresAt > now }
        let forgetBefore = now.addingTimeInterval(-Self.expiredTokenMemory)
        accessTokens = accessTokens.filter { $0.value.expiresAt > forgetBefore }
    }

    /// Counts one API request and returns how many the last ten seconds saw (this one included).
    mutating func countAPIRequest(now: Date) -> Int {
        stats.apiRequests += 1
        let second = Int(now.timeIntervalSince1970)
        requestsPerSecond[second, default: 0] += 1
        if requestsPerSecond.count > 20 {
            requestsPerSecond = requestsPerSecond.filter { $0.key > second - 10 }
        }
        return requestsPerSecond.filter { $0.key > second - 10 }.reduce(0) { $0 + $1.value }
    }
}
