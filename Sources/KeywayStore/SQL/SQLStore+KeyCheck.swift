import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    /// The `meta` row holding the key check.
    static let keyCheckName = "key_check"
    /// The constant the key check seals.
    static let keyCheckValue = Data("keyway key check v1".utf8)

    /// Makes sure the sealer opens this database's secrets: the sealed constant in `meta` must open; on a
    /// new database it is written.
    ///
    /// - Throws: ``KeywayError`` `master_key_mismatch` when it does not open.
    func checkKey() async throws {
        let sealer = self.sealer
        let name = Self.keyCheckName
        let fresh = try sealer.seal(Self.keyCheckValue, .keyCheck, row: name, binding: SealBinding())
        let stored = try await transaction("checking the master key") { db in
            try await db.run(
                """
                INSERT INTO meta (name, value) VALUES (\(bind: name), \(bind: fresh))
                ON CONFLICT (name) DO NOTHING
                """)
            return try await db.firstRow("SELECT value FROM meta WHERE name = \(bind: name)")?.data("value")
        }
        guard let stored, (try? openKeyCheck(stored)) == Self.keyCheckValue else {
            throw KeywayError(
                .internal, "master_key_mismatch",
                "The master key does not open this database's secrets; check KEYWAY_MASTER_KEY or the key file.")
        }
    }

    /// Opens the key check, in the current format or in format 1 (it steers no secret, and it must open before
    /// the format upgrade has run).
    func openKeyCheck(_ sealed: Data) throws -> Data {
        let field = SealedField.keyCheck
        if Sealer.format(ofSealed: sealed) == Sealer.legacyFormatVersion {
            return try sealer.openFormat1(sealed, table: field.table, row: Self.keyCheckName, column: field.column)
        }
        return try sealer.open(sealed, table: field.table, row: Self.keyCheckName, column: field.column)
    }
}
