import Foundation
import KeywayCore

extension MasterKey {
    /// Decodes a base64-encoded 32-byte key (standard or URL-safe alphabet, surrounding whitespace ignored).
    ///
    /// - Throws: ``KeywayError`` `master_key_invalid` when the text is not base64 or not 32 bytes long; the
    ///   message never repeats the text.
    public init(base64: String) throws {
        try self.init(base64: base64, source: "The master key")
    }

    /// Decodes a key, naming `source` (the variable or the file) in the error.
    init(base64: String, source: String) throws {
        let text = base64.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: text) ?? Data(base64URLEncoded: text), data.count == Self.byteCount
        else {
            throw KeywayError(
                .internal, "master_key_invalid",
                "\(source) is not a base64-encoded \(Self.byteCount)-byte key (44 base64 characters).")
        }
        self.init(validatedBytes: Array(data))
    }

    /// The key in standard base64, as `KEYWAY_MASTER_KEY` and the key file hold it.
    ///
    /// This is the secret itself: show it only to an operator who asked to export it.
    public func base64EncodedKey() -> String {
        key.withUnsafeBytes { Data($0) }.base64EncodedString()
    }
}
