import Crypto
import Foundation
import KeywayCore

/// Seals secrets with AES-256-GCM before they reach the database, and opens them again.
///
/// A sealed blob is laid out as
/// `format version (1 byte, 2) | key id length (1 byte) | key id (ASCII) | nonce | ciphertext | tag`,
/// the last three being AES-GCM's combined representation. The associated data
/// `keyway:v2:<table>:<row id>:<column>:<binding digest>` binds every blob to its row, its column and the
/// row's fields that steer where the secret goes (``SealBinding``; which fields, for each table, is defined
/// in one place: `SealBinding+Rows.swift`). A blob copied to another row or column fails to open, and so
/// does one whose row was rewritten without the master key: a service whose token URL, API base URL,
/// authorization URL, provider, client id, scopes, parameters, PKCE or client authentication was changed;
/// an identity whose service or metadata was changed; a session whose service, tags, finished URL or
/// params were changed. Such a row fails closed (`integrity_failed`): nothing is sent anywhere.
///
/// Format 1 (associated data `keyway:v1:<table>:<row id>:<column>`, no binding) is only read by the
/// one-time upgrade that ``SQLStore`` runs at open (``openFormat1(_:table:row:column:)``); after it, every
/// opening path refuses format 1, so an old blob written back is no downgrade.
///
/// The sealer seals with its current key and opens with whichever of its keys the blob names, so that
/// secrets sealed before a rotation stay readable until they are sealed again.
public struct Sealer: Sendable {
    /// The sealed format this sealer writes.
    public static let formatVersion: UInt8 = 2
    /// The unbound format that the upgrade at open re-seals.
    static let legacyFormatVersion: UInt8 = 1

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
    public func seal(
        _ plaintext: Data, table: String, row: String, column: String, binding: SealBinding = SealBinding()
    ) throws -> Data {
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.seal(
                plaintext, using: currentKey.key,
                authenticating: Self.associatedData(table: table, row: row, column: column, binding: binding))
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

    /// Opens a blob sealed for this column of this row, with this binding.
    ///
    /// - Throws: ``KeywayError`` `unknown_key_id` when no key of this sealer has the blob's key id, and
    ///   `unsealing_failed` when the blob is malformed, has another format than ``formatVersion``, was
    ///   tampered with, belongs to another row or column, or its row's bound fields changed. Messages never
    ///   carry the secret or key material.
    public func open(
        _ sealed: Data, table: String, row: String, column: String, binding: SealBinding = SealBinding()
    ) throws -> Data {
        try open(
            sealed, format: Self.formatVersion, table: table, column: column,
            associatedData: Self.associatedData(table: table, row: row, column: column, binding: binding))
    }

    /// Opens a format 1 blob (bound to its row and column only): for the one-time upgrade to format 2 alone.
    func openFormat1(_ sealed: Data, table: String, row: String, column: String) throws -> Data {
        try open(
            sealed, format: Self.legacyFormatVersion, table: table, column: column,
            associatedData: Data("keyway:v1:\(table):\(row):\(column)".utf8))
    }

    /// The format version of a blob, or nil when it is too short to have one.
    static func format(ofSealed sealed: Data) -> UInt8? { sealed.first }

    private func open(_ sealed: Data, format: UInt8, table: String, column: String, associatedData: Data) throws
        -> Data
    {
        let header = try SealedHeader(parsing: sealed)
        guard header.format == format else { throw SealedHeader.malformed }
        guard let key = keys[header.keyId] else {
            throw KeywayError(
                .internal, "unknown_key_id",
                "A secret in \(table).\(column) was sealed with key '\(header.keyId)', which this Keyway does not hold."
            )
        }
        do {
            let box = try AES.GCM.SealedBox(combined: header.combined)
            return try AES.GCM.open(box, using: key.key, authenticating: associatedData)
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

    /// Whether a blob was sealed with another key than the current one, or in an older format, and should be
    /// sealed again.
    public func needsResealing(_ sealed: Data) -> Bool {
        Self.keyId(ofSealed: sealed) != currentKey.id || Self.format(ofSealed: sealed) != Self.formatVersion
    }

    /// The associated data binding a blob to its row, its column and its row's steering fields.
    static func associatedData(table: String, row: String, column: String, binding: SealBinding) -> Data {
        Data("keyway:v2:\(table):\(row):\(column):\(binding.digest)".utf8)
    }
}
