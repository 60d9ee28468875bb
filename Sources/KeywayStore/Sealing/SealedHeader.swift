import Foundation
import KeywayCore

/// The parsed front of a sealed blob: its format version, key id and the AES-GCM combined box.
struct SealedHeader: Sendable {
    /// The format version: 1 (unbound, read only by the upgrade) or 2.
    var format: UInt8
    /// The id of the key that sealed it.
    var keyId: String
    /// Nonce, ciphertext and tag.
    var combined: Data

    /// The shortest AES-GCM combined box: a 12-byte nonce and a 16-byte tag.
    private static let minimumBoxLength = 12 + 16

    /// Parses a blob.
    ///
    /// - Throws: ``KeywayError`` `unsealing_failed` when the blob is too short, has another format version or
    ///   a key id that is not ASCII.
    init(parsing sealed: Data) throws {
        let bytes = [UInt8](sealed)
        guard bytes.count >= 2, bytes[0] == Sealer.formatVersion || bytes[0] == Sealer.legacyFormatVersion else {
            throw Self.malformed
        }
        let idLength = Int(bytes[1])
        guard idLength > 0, bytes.count >= 2 + idLength + Self.minimumBoxLength else { throw Self.malformed }
        let idBytes = bytes[2..<(2 + idLength)]
        guard idBytes.allSatisfy({ $0 >= 0x21 && $0 < 0x7f }), let keyId = String(bytes: idBytes, encoding: .ascii)
        else { throw Self.malformed }
        self.format = bytes[0]
        self.keyId = keyId
        self.combined = Data(bytes[(2 + idLength)...])
    }

    static var malformed: KeywayError {
        KeywayError(.internal, "unsealing_failed", "A sealed secret is malformed or has an unknown format.")
    }
}
