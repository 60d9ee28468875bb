import Crypto
import Foundation
import KeywayCore

/// Seals secrets with AES-256-GCM before they reach the database, and opens them again.
///
/// A sealed blob is laid out as
/// `format version (1 byte, 1) | key id length (1 byte) | key id (ASCII) | nonce | ciphertext | tag`,
/// the last three being AES-GCM's combined representation. The associated data
/// `keyway:v1:<table>:<row id>:<column>` binds every blob to its row and column, so a blob copied to
/// another row or column fails to open.
///
/// The sealer seals with its current key and opens with whichever of its keys the blob names, so that
/// secrets sealed before a rotation stay readable until they are sealed again.
public struct Sealer: Sendable {
    /// The sealed format this sealer writes.
    public static let formatVersion: UInt8 = 1

    /// The key new secrets are sealed with.
    public let currentKey: MasterKey
    /// Every key this sealer opens with, by id, the current one included.
    let keys: [String: MasterKey]

    /// Creates a sealer.
    ///
    /// - Parameters:
    ///   - current: the key that seals.
    ///   - previous: older keys that still open what they sealed.
    public init(current: MasterKey, previous: [MasterKey] = []) {
        self.currentKey = current
        var keys: [String: MasterKey] = [:]
        for key in previous { keys[key.id] = key }
        keys[current.id] = current
        self.keys = keys
    }

    /// The ids of every key this sealer can open with.
    public var keyIds: Set<String> { Set(keys.keys) }

    /// Seals a secret for one column of one row.
    ///
    /// - Throws: ``KeywayError`` `sealing_failed` in the unlikely case that encryption fails.
    public func seal(_ plaintext: Data, table: String, row: String, column: String) throws -> Data {
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.seal(
                plaintext, using: currentKey.key,
                authenticating: Self.associatedData(table: table, row: row, column: column))
        } catch {
            throw KeywayError(.internal, "sealing_failed", "A secret could not be sealed.")
        }
        guard let combined = box.combined else {
            throw KeywayError(.internal, "sealing_failed", "A secret could not be sealed.")
        }
        let keyId = Array(currentKey.id.utf8)
        var sealed = Data(capacity: 2 + keyId.count + combined.count)
        sealed.append(Self.formatVersion)
        sealed.append(UInt8(keyId.count))
        sealed.append(contentsOf: keyId)
        sealed.append(combined)
        return sealed
    }

    /// Opens a blob sealed for this column of this row.
    ///
    /// - Throws: ``KeywayError`` `unknown_key_id` when no key of this sealer has the blob's key id, and
    ///   `unsealing_failed` when the blob is malformed, was tampered with or belongs to another row or
    ///   column. Messages never carry the secret or key material.
    public func open(_ sealed: Data, table: String, row: String, column: String) throws -> Data {
        let header = try SealedHeader(parsing: sealed)
        guard let key = keys[header.keyId] else {
            throw KeywayError(
                .internal, "unknown_key_id",
                "A secret in \(table).\(column) was sealed with key '\(header.keyId)', which this Keyway does not hold."
            )
        }
        do {
            let box = try AES.GCM.SealedBox(combined: header.combined)
            return try AES.GCM.open(
                box, using: key.key, authenticating: Self.associatedData(table: table, row: row, column: column))
        } catch {
            throw KeywayError(
                .internal, "unsealing_failed",
                "A secret in \(table).\(column) failed to open: it was altered or belongs to another row.")
        }
    }

    /// The id of the key a blob was sealed with, or nil when the blob is malformed.
    public static func keyId(ofSealed sealed: Data) -> String? {
        try? SealedHeader(parsing: sealed).keyId
    }

    /// Whether a blob was sealed with another key than the current one and should be sealed again.
    public func needsResealing(_ sealed: Data) -> Bool {
        Self.keyId(ofSealed: sealed) != currentKey.id
    }

    /// The associated data binding a blob to its row and column.
    static func associatedData(table: String, row: String, column: String) -> Data {
        Data("keyway:v1:\(table):\(row):\(column)".utf8)
    }
}
