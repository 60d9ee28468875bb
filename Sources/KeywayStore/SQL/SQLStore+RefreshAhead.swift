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
        let idle = idleSince?.millisecondsSince1970 ?? Int64.min
        return try await read("listing identities due for refresh") { db in
            try await db.rows(
                """
                SELECT \(Self.identityColumns) FROM identities
                WHERE status = \(bind: IdentityStatus.active.rawValue) AND refreshable = 1
                  AND ((expires_at IS NOT NULL AND expires_at < \(bind: expiry)) OR updated_at < \(bind: idle))
                ORDER BY (expires_at IS NULL), expires_at ASC, updated_at ASC
                LIMIT \(bind: max(1, min(limit, Self.maximumPageSize)))
                """
            ).map(self.identity(from:))
        }
    }
}
