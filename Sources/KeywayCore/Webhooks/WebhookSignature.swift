import Crypto
import Foundation

/// Standard Webhooks signing (https://www.standardwebhooks.com): `v1,<base64 HMAC-SHA256 of
/// "<webhook-id>.<webhook-timestamp>.<body>">`, keyed with the bytes of the endpoint secret `whsec_<base64>`.
/// Apps verify with `KeywayWebhook.verify` in the SDK.
public enum WebhookSignature {
    /// The prefix of every secret.
    public static let secretPrefix = "whsec_"

    /// A new secret: 32 random bytes.
    public static func newSecret() -> String {
        secretPrefix + Data(SecureRandom.bytes(32)).base64EncodedString()
    }

    /// The `webhook-signature` header value for one message.
    public static func sign(id: String, timestamp: Int64, body: Data, secret: String) throws(KeywayError) -> String {
        guard secret.hasPrefix(secretPrefix), let key = Data(base64Encoded: String(secret.dropFirst(secretPrefix.count)))
        else { throw KeywayError(.internal, "invalid_webhook_secret", "The webhook secret is not whsec_<base64>.") }
        var message = Data("\(id).\(timestamp).".utf8)
        message.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }
}
