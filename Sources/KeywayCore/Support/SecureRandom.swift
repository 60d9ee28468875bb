import Crypto
import Foundation

/// Random identifiers and secrets from the system's cryptographic generator.
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        // Eight bytes per draw from the system generator (one system call each), not one.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 7)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// A URL-safe random string carrying `byteCount * 8` bits of entropy.
    public static func token(bytes byteCount: Int = 32) -> String {
        Data(bytes(byteCount)).base64URLEncodedString()
    }

    /// A prefixed identifier such as `idn_…` with 128 random bits.
    public static func identifier(prefix: String) -> String {
        "\(prefix)_\(token(bytes: 16))"
    }
}

extension Data {
    /// Base64url without padding (RFC 4648 §5), as PKCE and tokens use it.
    public func base64URLEncodedString() -> String {
        var encoded: [UInt8] = []
        encoded.reserveCapacity((count + 2) / 3 * 4)
        for character in base64EncodedString().utf8 {
            switch character {
            case UInt8(ascii: "+"): encoded.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): encoded.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: encoded.append(character)
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Decodes base64url with or without padding.
    public init?(base64URLEncoded string: String) {
        var base64 = string.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        self.init(base64Encoded: base64)
    }
}
