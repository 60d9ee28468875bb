import Crypto
import Foundation

/// Binds an authorization session to the browser that opened its connect link (RFC 9700 §4.7, §4.5).
///
/// The first browser to open `/v1/connect/{session}` gets a random token in a short-lived, HttpOnly cookie;
/// only the token's hash is stored with the session. The callback finishes the flow only in a browser that
/// presents the token, so a provider redirect (or a connect link already opened) forwarded to someone else
/// cannot complete there. Pure values: the server sets and reads the cookie.
public enum BrowserBinding {
    /// The cookie's name for a session: one per session, so that flows running side by side in one browser
    /// do not overwrite each other's binding.
    public static func cookieName(sessionId: String) -> String {
        "keyway_flow_" + sessionId.filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    /// A new token: 256 random bits, base64url (valid as a cookie value).
    public static func makeToken() -> String {
        SecureRandom.token(bytes: 32)
    }

    /// The form stored with the session: lowercase hex SHA-256 of the token.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether a presented token (nil when the browser sent none) matches the stored hash, in constant time.
    public static func matches(_ token: String?, storedHash: String?) -> Bool {
        guard let token, token.count <= 256, let storedHash else { return false }
        let presented = Array(hash(token).utf8)
        let stored = Array(storedHash.utf8)
        guard presented.count == stored.count else { return false }
        return zip(presented, stored).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
