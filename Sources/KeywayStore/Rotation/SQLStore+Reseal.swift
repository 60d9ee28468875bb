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
        try await resealAll(batchSize: batchSize, upgradingFormat1: false, progress: progress)
    }

    /// ``resealAll(batchSize:progress:)``; with `upgradingFormat1` it also opens format 1 blobs (bound to their
    /// row and column only) and re-seals them in the current format bound to their row's fields as they stand:
    /// the one-time upgrade that ``upgradeSealedFormat()`` runs at open, and nothing else.
    ///
    /// A value that does not open with its row's binding (`integrity_failed`) is left as it is, logged and
    /// counted in ``ResealReport/integrityFailed``: its row stays unusable, and the rest are re-sealed.
    func resealAll(
        batchSize: Int, upgradingFormat1: Bool, progress: @Sendable (ResealProgress) -> Void = { _ in }
    ) async throws -> ResealReport {
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
                try await reseal(
                    table, batchSize: batchSize, upgradingFormat1: upgradingFormat1, report: &report,
                    progress: progress)
            }
            pending = report.resealed > before.resealed || report.raced > before.raced
            if report.sweeps > 1 { report.integrityFailed = before.integrityFailed }
        }
        try await resealKeyCheck(&report)
        progress(
            ResealProgress(table: "meta", examined: 1, total: 1, resealed: report.resealed, sweep: report.sweeps))
        return report
    }

    /// One sweep over one table.
    private func reseal(
        _ table: SealedTable, batchSize: Int, upgradingFormat1: Bool, report: inout ResealReport,
        progress: (ResealProgress) -> Void
    ) async throws {
        let columns = table.selection
        let name = SQLQueryString(table.name)
        let total = try await read("counting \(table.name)") { db in
            Int(try await db.firstRow("SELECT COUNT(*) AS row_count FROM \(name)")?.int64("row_count") ?? 0)
        }
        var after = ""
        var examined = 0
        while true {
            let rows = try await read("reading \(table.name) to re-seal") { [after] db in
                try await db.rows(
                    "SELECT \(columns) FROM \(name) WHERE id > \(bind: after) ORDER BY id LIMIT \(bind: batchSize)")
            }
            guard let last = rows.last else { break }
            after = try last.string("id")
            examined += rows.count
            var updates: [ResealUpdate] = []
            for row in rows {
                let id = try row.string("id")
                let binding = try table.binding(row)
                for column in table.columns {
                    guard let old = try row.optionalData(column.name) else { continue }
                    guard sealer.needsResealing(old) else {
                        if report.sweeps == 1 { report.alreadyCurrent += 1 }
                        continue
                    }
                    let plaintext: Data
                    do {
                        plaintext =
                            upgradingFormat1 && Sealer.format(ofSealed: old) == Sealer.legacyFormatVersion
                            ? try sealer.openFormat1(old, table: column.field.table, row: id, column: column.field.column)
                            : try sealer.open(old, column.field, row: id, binding: binding)
                    } catch let error as KeywayError
                        where error.code == KeywayError.integrityFailedCode || error.code == "unsealing_failed"
                    {
                        report.integrityFailed += 1
                        logger.error(
                            "a sealed value failed its integrity check and was not re-sealed",
                            metadata: ["table": "\(table.name)", "row": "\(id)", "column": "\(column.name)"])
                        continue
                    }
                    updates.append(
                        ResealUpdate(
                            id: id, column: column.name, old: old,
                            new: try sealer.seal(plaintext, column.field, row: id, binding: binding)))
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
        let value = try openKeyCheck(old)
        let new = try sealer.seal(value, .keyCheck, row: name, binding: SealBinding())
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
