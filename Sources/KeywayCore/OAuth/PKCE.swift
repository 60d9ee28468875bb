import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636) with the S256 method.
public enum PKCE {
    /// A new verifier: 64 characters from the unreserved set (384 random bits).
    public static func makeVerifier() -> String {
        SecureRandom.token(bytes: 48)
    }

    /// The S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))) without padding.
    public static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncodedString()
    }
}
