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
    /// Up to `refreshAheadConcurrency` identities (configuration, default 4) are refreshed at once, each
    /// under the token endpoint's deadline.
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
        // Several at once, within a bound: each refresh is held by its provider for at most the token
        // deadline, so one hung provider delays the pass by about one deadline, not one per identity.
        var report = RefreshAheadReport()
        let work = due.filter { $0.credentials.refreshToken != nil }
        var next = work.startIndex
        await withTaskGroup(of: RefreshAheadOutcome.self) { group in
            func startNext() {
                guard next < work.endIndex else { return }
                let identity = work[next]
                next += 1
                group.addTask { await self.refreshAhead(identity, start: start, idleAfter: idleAfter) }
            }
            for _ in 0..<refreshAheadConcurrency { startNext() }
            for await outcome in group {
                if outcome != .notDue { report.examined += 1 }
                switch outcome {
                case .notDue: break
                case .refreshed: report.refreshed += 1
                case .skipped: report.skipped += 1
                case .failed: report.failed += 1
                }
                startNext()
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

    /// Refreshes one identity of a pass, unless another process is refreshing it.
    private func refreshAhead(_ identity: Identity, start: Date, idleAfter: TimeInterval?) async -> RefreshAheadOutcome {
        let isDue = RefreshDecision.isDue(identity, now: start, margin: refreshMargin)
        let isIdle = idleAfter.map { identity.updatedAt <= start.addingTimeInterval(-$0) } ?? false
        // The store finds tokens expiring within the configured margin; a short-lived one may still be within
        // its first half-life (``RefreshDecision/effectiveMargin(for:configured:)``) and is left alone.
        guard isDue || isIdle else { return .notDue }
        do {
            let refreshed = try await sharedRefresh(
                of: identity, rejectedVersion: isDue ? nil : identity.version, ifLockFree: true)
            return refreshed == nil ? .skipped : .refreshed
        } catch {
            logger.notice(
                "refresh ahead failed", metadata: ["identity": "\(identity.id)", "error": "\(Self.describe(error))"])
            return .failed
        }
    }
}

/// What refreshing one identity ahead of need did.
private enum RefreshAheadOutcome: Sendable {
    case refreshed, skipped, failed, notDue
}
