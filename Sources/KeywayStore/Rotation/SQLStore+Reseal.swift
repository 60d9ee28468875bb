import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    /// The most sweeps a rotation makes before it gives up on rows that keep changing under it.
    static let maximumResealSweeps = 5

    /// Re-seals every secret under the sealer's current key, in batches, while Keyway serves.
    ///
    /// Each batch reads rows, opens the values sealed with an older key (the sealer must still hold it) and
    /// writes them sealed with the current key with compare-and-set on the old blob
    /// (`UPDATE … WHERE id = $1 AND column = $old`), so that a concurrent write (a refresh) is never
    /// overwritten: its row is simply looked at again in the next sweep. Sweeps repeat until one finds
    /// nothing left to do. The key check moves to the new key last, once every secret opens with it; until
    /// then a Keyway holding only the old key still starts.
    ///
    /// Every process writing meanwhile must already seal with the new key (and open with the old one), or
    /// its writes would bring back old blobs; after ``maximumResealSweeps`` the rotation stops with
    /// `rotation_incomplete`.
    ///
    /// - Parameters:
    ///   - batchSize: rows read and written per transaction.
    ///   - progress: called after every batch.
    /// - Throws: ``KeywayError`` `unknown_key_id` when a value was sealed with a key the sealer does not hold,
    ///   `rotation_incomplete` as above, or a storage error.
    public func resealAll(batchSize: Int = 200, progress: @Sendable (ResealProgress) -> Void = { _ in }) async throws
        -> ResealReport
    {
        let batchSize = max(1, min(batchSize, Self.maximumPageSize))
        var report = ResealReport(keyId: sealer.currentKey.id)
        var pending = true
        while pending {
            guard report.sweeps < Self.maximumResealSweeps else {
                throw KeywayError(
                    .conflict, "rotation_incomplete",
                    "Rows sealed with an older key keep appearing; make sure every Keyway seals with key "
                        + "\(report.keyId) (KEYWAY_MASTER_KEY) and run the rotation again.")
            }
            report.sweeps += 1
            let before = report
            for table in SealedTable.all {
                try await reseal(table, batchSize: batchSize, report: &report, progress: progress)
            }
            pending = report.resealed > before.resealed || report.raced > before.raced
        }
        try await resealKeyCheck(&report)
        progress(
            ResealProgress(table: "meta", examined: 1, total: 1, resealed: report.resealed, sweep: report.sweeps))
        return report
    }

    /// One sweep over one table.
    private func reseal(
        _ table: SealedTable, batchSize: Int, report: inout ResealReport, progress: (ResealProgress) -> Void
    ) async throws {
        let columns = SQLQueryString(table.columns.map(\.name).joined(separator: ", "))
        let name = SQLQueryString(table.name)
        let total = try await read("counting \(table.name)") { db in
            Int(try await db.firstRow("SELECT COUNT(*) AS row_count FROM \(name)")?.int64("row_count") ?? 0)
        }
        var after = ""
        var examined = 0
        while true {
            let rows = try await read("reading \(table.name) to re-seal") { [after] db in
                try await db.rows(
                    "SELECT id, \(columns) FROM \(name) WHERE id > \(bind: after) ORDER BY id LIMIT \(bind: batchSize)")
            }
            guard let last = rows.last else { break }
            after = try last.string("id")
            examined += rows.count
            var updates: [ResealUpdate] = []
            for row in rows {
                let id = try row.string("id")
                for column in table.columns {
                    guard let old = try row.optionalData(column.name) else { continue }
                    guard sealer.needsResealing(old) else {
                        if report.sweeps == 1 { report.alreadyCurrent += 1 }
                        continue
                    }
                    let plaintext = try sealer.open(old, column.field, row: id)
                    updates.append(
                        ResealUpdate(
                            id: id, column: column.name, old: old, new: try sealer.seal(plaintext, column.field, row: id)))
                }
            }
            if !updates.isEmpty {
                let written = try await transaction("re-sealing \(table.name)") { [updates] db in
                    var written = 0
                    for update in updates {
                        let column = SQLQueryString(update.column)
                        written += try await db.rows(
                            """
                            UPDATE \(name) SET \(column) = \(bind: update.new)
                            WHERE id = \(bind: update.id) AND \(column) = \(bind: update.old)
                            RETURNING id
                            """
                        ).count
                    }
                    return written
                }
                report.resealed += written
                report.raced += updates.count - written
            }
            progress(
                ResealProgress(
                    table: table.name, examined: examined, total: max(total, examined), resealed: report.resealed,
                    sweep: report.sweeps))
        }
    }

    /// Moves the key check to the current key, with compare-and-set on the old value.
    private func resealKeyCheck(_ report: inout ResealReport) async throws {
        let name = Self.keyCheckName
        guard
            let old = try await read("reading the key check", { db in
                try await db.firstRow("SELECT value FROM meta WHERE name = \(bind: name)")?.data("value")
            }), sealer.needsResealing(old)
        else { return }
        let value = try sealer.open(old, .keyCheck, row: name)
        let new = try sealer.seal(value, .keyCheck, row: name)
        let written = try await transaction("re-sealing the key check") { db in
            try await db.rows(
                "UPDATE meta SET value = \(bind: new) WHERE name = \(bind: name) AND value = \(bind: old) RETURNING name"
            ).count
        }
        report.resealed += written
    }
}

/// One sealed value to write again under the new key, if the row still holds the old one.
private struct ResealUpdate: Sendable {
    var id: String
    var column: String
    var old: Data
    var new: Data
}
