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
        let fresh = try sealer.seal(Self.keyCheckValue, .keyCheck, row: name)
        let stored = try await transaction("checking the master key") { db in
            try await db.run(
                """
                INSERT INTO meta (name, value) VALUES (\(bind: name), \(bind: fresh))
                ON CONFLICT (name) DO NOTHING
                """)
            return try await db.firstRow("SELECT value FROM meta WHERE name = \(bind: name)")?.data("value")
        }
        guard let stored, (try? sealer.open(stored, .keyCheck, row: name)) == Self.keyCheckValue else {
            throw KeywayError(
                .internal, "master_key_mismatch",
                "The master key does not open this database's secrets; check KEYWAY_MASTER_KEY or the key file.")
        }
    }
}
