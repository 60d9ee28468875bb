import Foundation

/// What one pass of refreshing ahead of need did.
public struct RefreshAheadReport: Sendable, Hashable {
    /// Identities looked at.
    public var examined = 0
    /// Identities refreshed (or found already refreshed by another caller).
    public var refreshed = 0
    /// Identities whose refresh failed; they are logged, and marked when the provider refused the grant.
    public var failed = 0
    /// Identities skipped because another process sharing the store was refreshing them.
    public var skipped = 0

    /// An empty report.
    public init() {}
}

extension Keyway {
    /// One pass of refreshing ahead of need: refreshes identities whose token is due within the refresh
    /// margin, so that reads rarely wait for the provider, and identities not written for `idleAfter`, so that
    /// their refresh token does not lapse.
    ///
    /// Every replica runs passes. They split the work without refreshing anything twice: an identity whose
    /// refresh lock another replica holds is skipped, and one it has just refreshed is found fresh when read
    /// again under the lock.
    ///
    /// - Parameters:
    ///   - idleAfter: refresh identities not written for this long, even when their token is not due; nil
    ///     to skip idle identities.
    ///   - limit: the most identities handled in one pass.
    public func refreshAhead(idleAfter: TimeInterval?, limit: Int = 100) async throws -> RefreshAheadReport {
        let start = now()
        let due = try await store.identitiesDueForRefresh(
            expiringBefore: start.addingTimeInterval(refreshMargin), orIdleSince: idleAfter.map { start.addingTimeInterval(-$0) },
            limit: limit)
        var report = RefreshAheadReport()
        for identity in due where identity.credentials.refreshToken != nil {
            report.examined += 1
            let isDue = identity.expiresAt.map { $0.timeIntervalSince(start) <= refreshMargin } ?? false
            do {
                let refreshed = try await sharedRefresh(
                    of: identity, rejectedVersion: isDue ? nil : identity.version, ifLockFree: true)
                if refreshed == nil { report.skipped += 1 } else { report.refreshed += 1 }
            } catch {
                report.failed += 1
                logger.notice(
                    "refresh ahead failed", metadata: ["identity": "\(identity.id)", "error": "\(Self.describe(error))"])
            }
        }
        if report.examined > 0 {
            logger.info(
                "refreshed ahead of need",
                metadata: [
                    "examined": "\(report.examined)", "refreshed": "\(report.refreshed)", "failed": "\(report.failed)",
                    "skipped": "\(report.skipped)",
                ])
        }
        return report
    }
}
