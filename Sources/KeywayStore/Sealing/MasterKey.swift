import Crypto
import Foundation

/// The 32-byte key that seals every secret Keyway stores.
///
/// It comes from `KEYWAY_MASTER_KEY` (base64) or from a key file that `keyway init` writes with mode 0600;
/// see ``load(environment:keyFile:)`` and ``write(to:)``. Its descriptions name only its ``id``, never the key.
public struct MasterKey: Sendable {
    /// The length of a master key in bytes.
    public static let byteCount = 32
    /// The environment variable that holds a base64-encoded master key.
    public static let environmentVariable = "KEYWAY_MASTER_KEY"
    /// The usual name of the key file inside Keyway's data folder.
    public static let defaultFileName = "master.key"

    /// The AES-256 key.
    let key: SymmetricKey
    /// The key's public identifier: the first 8 hex characters of SHA-256("keyway-key-id" + key bytes).
    ///
    /// Sealed blobs carry it so that the key that sealed them can be found after a rotation.
    public let id: String

    /// Wraps exactly ``byteCount`` bytes.
    init(validatedBytes bytes: [UInt8]) {
        precondition(bytes.count == Self.byteCount, "a master key is 32 bytes")
        self.key = SymmetricKey(data: bytes)
        self.id = Self.identifier(of: bytes)
    }

    /// A new random key from the system's cryptographic generator.
    public static func generate() -> MasterKey {
        let key = SymmetricKey(size: .bits256)
        return MasterKey(validatedBytes: key.withUnsafeBytes { Array($0) })
    }

    /// The key id of raw key bytes.
    static func identifier(of bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("keyway-key-id".utf8))
        hasher.update(data: bytes)
        return hasher.finalize().prefix(4).map { String(format: "%02x", $0) }.joined()
    }
}
