import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    /// Active identities with a refresh token whose token expires before `expiringBefore`, or that were last
    /// written before `idleSince`: soonest expiry first, then tokens that never expire, longest idle first.
    /// Identities that could never be refreshed are passed over, so they cannot crowd out the rest.
    public func identitiesDueForRefresh(expiringBefore: Date, orIdleSince idleSince: Date?, limit: Int) async throws
        -> [Identity]
    {
        let expiry = expiringBefore.millisecondsSince1970
        let limit = max(1, min(limit, Self.maximumPageSize))
        // Two index range scans (by expiry, by last write) instead of one OR that reads every identity; the
        // first `limit` of their union, in the order below, are the first `limit` of the whole.
        return try await read("listing identities due for refresh") { db in
            var due = try await db.rows(
                """
                SELECT \(Self.identityColumns) FROM identities
                WHERE status = \(bind: IdentityStatus.active.rawValue) AND refreshable = 1
                  AND expires_at IS NOT NULL AND expires_at < \(bind: expiry)
                ORDER BY expires_at ASC, updated_at ASC
                LIMIT \(bind: limit)
                """
            ).map(self.identity(from:))
            if let idleSince {
                let known = Set(due.map(\.id))
                due += try await db.rows(
                    """
                    SELECT \(Self.identityColumns) FROM identities
                    WHERE status = \(bind: IdentityStatus.active.rawValue) AND refreshable = 1
                      AND updated_at < \(bind: idleSince.millisecondsSince1970)
                    ORDER BY (expires_at IS NULL), expires_at ASC, updated_at ASC
                    LIMIT \(bind: limit)
                    """
                ).map(self.identity(from:)).filter { !known.contains($0.id) }
            }
            return Array(due.sorted(by: Self.refreshOrder).prefix(limit))
        }
    }

    /// Soonest expiry first, then tokens that never expire; longest idle first among equals.
    static func refreshOrder(_ a: Identity, _ b: Identity) -> Bool {
        switch (a.expiresAt, b.expiresAt) {
        case (let x?, let y?) where x != y: return x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return a.updatedAt < b.updatedAt
        }
    }
}
