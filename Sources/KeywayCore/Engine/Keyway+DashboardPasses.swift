import Crypto
import Foundation

extension Keyway {
    /// How long a dashboard sign-in lasts, from its issue time.
    public static let dashboardPassLifetime: TimeInterval = 12 * 3600
    /// How far in the future a pass's issue time may be (clocks of replicas differ a little).
    public static let dashboardPassClockSkew: TimeInterval = 60

    /// What the dashboard keeps in its cookie after a sign-in with `key`:
    /// `v2.<pass id>.<key id>.<issued at, Unix seconds>.<HMAC-SHA256>`, signed with the engine's
    /// ``KeywayConfiguration/dashboardPassKey`` (derived from the master key with HKDF, so neither the database
    /// nor the key's hash can forge one). It carries no secret, so a leaked cookie opens no API route. The
    /// server decides how long it lasts from its issue time (``dashboardPassLifetime``), signing out records
    /// its random id as revoked in the store (every replica refuses it), and deleting the key ends every pass
    /// made for it.
    public func dashboardPass(for key: APIKey) -> String {
        let id = SecureRandom.token(bytes: 16)
        let issued = Int64(now().timeIntervalSince1970)
        let signature = dashboardPassSignature(id: id, keyId: key.id, issued: issued)
        return "v2.\(id).\(key.id).\(issued).\(signature.base64URLEncodedString())"
    }

    /// The API key a dashboard pass was made for, while the pass is within its lifetime, was not signed out and
    /// its key still exists; nil for anything else.
    public func verifyDashboardPass(_ pass: String) async throws -> APIKey? {
        guard let parsed = parseDashboardPass(pass), try await !store.isDashboardPassRevoked(id: parsed.id),
            let record = try await storedAPIKey(id: parsed.keyId), record.scopes.allows(Self.dashboardScope),
            !record.isExpired(at: now())
        else { return nil }
        return record
    }

    /// The scope a key needs to sign in to the dashboard, and that a pass's key must still hold.
    public static let dashboardScope = KeyScope.admin

    /// Signs a pass out on every replica: its id is recorded as revoked until it would have expired. A pass that
    /// is not valid is ignored.
    public func signOut(dashboardPass pass: String) async throws {
        guard let parsed = parseDashboardPass(pass) else { return }
        try await store.revokeDashboardPass(
            id: parsed.id, until: Date(timeIntervalSince1970: Double(parsed.issued) + Self.dashboardPassLifetime))
        logger.info("dashboard signed out", metadata: ["key": "\(parsed.keyId)"])
    }

    /// The id, key id and issue time of a pass whose signature is valid and whose issue time is within bounds:
    /// not more than ``dashboardPassClockSkew`` ahead of now, and less than ``dashboardPassLifetime`` ago.
    private func parseDashboardPass(_ pass: String) -> (id: String, keyId: String, issued: Int64)? {
        let parts = pass.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "v2", !parts[1].isEmpty, parts[2].hasPrefix("key_"),
            let issued = Int64(parts[3]), let signature = Data(base64URLEncoded: parts[4])
        else { return nil }
        let age = now().timeIntervalSince1970 - Double(issued)
        guard age >= -Self.dashboardPassClockSkew, age < Self.dashboardPassLifetime else { return nil }
        let message = Self.dashboardPassMessage(id: parts[1], keyId: parts[2], issued: issued)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: message, using: dashboardPassKey)
        else { return nil }
        return (parts[1], parts[2], issued)
    }

    private func dashboardPassSignature(id: String, keyId: String, issued: Int64) -> Data {
        Data(
            HMAC<SHA256>.authenticationCode(
                for: Self.dashboardPassMessage(id: id, keyId: keyId, issued: issued), using: dashboardPassKey))
    }

    private static func dashboardPassMessage(id: String, keyId: String, issued: Int64) -> Data {
        Data("keyway-dashboard-pass-v2|\(id)|\(keyId)|\(issued)".utf8)
    }
}
