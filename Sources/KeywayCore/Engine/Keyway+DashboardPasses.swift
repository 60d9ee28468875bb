import Crypto
import Foundation

extension Keyway {
    /// How long a dashboard sign-in lasts.
    public static let dashboardPassLifetime: TimeInterval = 12 * 3600

    /// What the dashboard keeps in its cookie after a sign-in with `key`: the key's id and an expiry, signed
    /// with HMAC-SHA256 under the stored hash of the key's secret. It carries no secret, so a cookie that
    /// leaks (another app on the same host sees it, or plain http carries it) opens no API route and lapses
    /// with its expiry; deleting the key ends every pass made for it. Any replica checks any pass.
    public func dashboardPass(for key: APIKey) -> String {
        let expiry = Int64(now().addingTimeInterval(Self.dashboardPassLifetime).timeIntervalSince1970)
        let signature = Self.dashboardPassSignature(keyId: key.id, expiry: expiry, secretHash: key.secretHash)
        return "\(key.id).\(expiry).\(signature.base64URLEncodedString())"
    }

    /// The API key a dashboard pass was made for, while the pass has not expired and the key still exists;
    /// nil for anything else.
    public func verifyDashboardPass(_ pass: String) async throws -> APIKey? {
        let parts = pass.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].hasPrefix("key_"), let expiry = Int64(parts[1]),
            Double(expiry) > now().timeIntervalSince1970, let signature = Data(base64URLEncoded: String(parts[2])),
            let record = try await storedAPIKey(id: String(parts[0]))
        else { return nil }
        let message = Self.dashboardPassMessage(keyId: record.id, expiry: expiry)
        let valid = HMAC<SHA256>.isValidAuthenticationCode(
            signature, authenticating: message, using: SymmetricKey(data: record.secretHash))
        return valid ? record : nil
    }

    private static func dashboardPassSignature(keyId: String, expiry: Int64, secretHash: Data) -> Data {
        Data(
            HMAC<SHA256>.authenticationCode(
                for: dashboardPassMessage(keyId: keyId, expiry: expiry), using: SymmetricKey(data: secretHash)))
    }

    private static func dashboardPassMessage(keyId: String, expiry: Int64) -> Data {
        Data("keyway-dashboard-pass-v1|\(keyId)|\(expiry)".utf8)
    }
}
