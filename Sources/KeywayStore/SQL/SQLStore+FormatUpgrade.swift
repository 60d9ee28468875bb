import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    /// Re-seals, once, every value still in sealed format 1 (bound to its row and column only) in the current
    /// format, bound to its row's fields as they stand (``SealBinding``); run by ``open(database:sealer:logger:)``
    /// after the key check.
    ///
    /// The key check in `meta` records the upgrade: it is re-sealed in the current format last, once every
    /// other value is, so an interrupted upgrade runs again at the next open, and a database whose key check
    /// is in the current format is never upgraded again: from then on every opening path refuses format 1, so
    /// an old blob written back into a row fails closed (`integrity_failed`) instead of being re-bound.
    /// Several replicas may run it at once (each write compares and sets on the old blob).
    ///
    /// This is the one point where the database is trusted as it stands: the fields found beside each format 1
    /// value become its binding.
    func upgradeSealedFormat() async throws {
        let name = Self.keyCheckName
        guard
            let keyCheck = try await read("reading the key check", { db in
                try await db.firstRow("SELECT value FROM meta WHERE name = \(bind: name)")?.data("value")
            }), Sealer.format(ofSealed: keyCheck) == Sealer.legacyFormatVersion
        else { return }
        let report = try await resealAll(batchSize: 200, upgradingFormat1: true)
        logger.notice(
            "upgraded sealed values to format \(Sealer.formatVersion)",
            metadata: [
                "resealed": "\(report.resealed)", "integrityFailed": "\(report.integrityFailed)",
                "sweeps": "\(report.sweeps)",
            ])
    }
}
