import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    /// Records a dashboard pass as signed out, until `until` (when it would have expired anyway).
    public func revokeDashboardPass(id: String, until: Date) async throws {
        try await transaction("revoking a dashboard pass") { db in
            try await db.run(
                """
                INSERT INTO revoked_dashboard_passes (id, expires_at)
                VALUES (\(bind: id), \(bind: until.millisecondsSince1970))
                ON CONFLICT (id) DO NOTHING
                """)
        }
    }

    /// Whether a dashboard pass was signed out.
    public func isDashboardPassRevoked(id: String) async throws -> Bool {
        try await read("checking a dashboard pass") { db in
            try await db.firstRow("SELECT id FROM revoked_dashboard_passes WHERE id = \(bind: id)") != nil
        }
    }

    /// Forgets signed-out passes that have expired anyway; returns how many.
    public func deleteRevokedDashboardPasses(expiredBefore date: Date) async throws -> Int {
        try await transaction("deleting expired revoked passes") { db in
            try await db.rows(
                "DELETE FROM revoked_dashboard_passes WHERE expires_at < \(bind: date.millisecondsSince1970) RETURNING id"
            ).count
        }
    }
}
