import Foundation
import KeywayCore
import Testing

@Suite("Refresh decisions")
struct RefreshDecisionTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func identity(expiresIn: TimeInterval?, refreshToken: String? = "rt", status: IdentityStatus = .active) -> Identity {
        Identity(
            id: "idn_1", serviceId: "s", tags: [:], status: status,
            credentials: Credentials(
                accessToken: "at", refreshToken: refreshToken, expiresAt: expiresIn.map { now.addingTimeInterval($0) }),
            createdAt: now.addingTimeInterval(-3600), updatedAt: now.addingTimeInterval(-3600))
    }

    @Test("valid tokens are used, due or expired ones refreshed")
    func timing() {
        #expect(RefreshDecision.decide(for: identity(expiresIn: 600), now: now, margin: 300) == .useCurrent)
        #expect(RefreshDecision.decide(for: identity(expiresIn: nil), now: now, margin: 300) == .useCurrent)
        #expect(RefreshDecision.decide(for: identity(expiresIn: 299), now: now, margin: 300) == .refresh)
        #expect(RefreshDecision.decide(for: identity(expiresIn: -5), now: now, margin: 300) == .refresh)
    }

    @Test("without a refresh token: still valid is used, expired is refused")
    func noRefreshToken() {
        #expect(RefreshDecision.decide(for: identity(expiresIn: 100, refreshToken: nil), now: now, margin: 300) == .useCurrent)
        guard case .refuse(let error) = RefreshDecision.decide(for: identity(expiresIn: -1, refreshToken: nil), now: now, margin: 300)
        else { Issue.record("expected a refusal"); return }
        #expect(error.code == "token_expired")
    }

    @Test("failed and revoked identities are refused with their codes")
    func statuses() {
        guard case .refuse(let failed) = RefreshDecision.decide(for: identity(expiresIn: 600, status: .refreshFailed), now: now, margin: 300),
            case .refuse(let revoked) = RefreshDecision.decide(for: identity(expiresIn: 600, status: .revoked), now: now, margin: 300)
        else { Issue.record("expected refusals"); return }
        #expect(failed.code == "refresh_failed")
        #expect(revoked.code == "identity_revoked")
    }

    @Test("a passing provider failure keeps a still-valid token and refuses an expired one")
    func transient() {
        #expect(RefreshDecision.afterTransientFailure(for: identity(expiresIn: 60), now: now) == .useCurrent)
        guard case .refuse(let error) = RefreshDecision.afterTransientFailure(for: identity(expiresIn: -1), now: now)
        else { Issue.record("expected a refusal"); return }
        #expect(error.code == "refresh_unavailable")
    }

    @Test("a token living less than the margin is due only in the last half of its life")
    func shortLived() {
        func issued(_ lifetime: TimeInterval, ago age: TimeInterval) -> Identity {
            var identity = identity(expiresIn: lifetime - age)
            identity.updatedAt = now.addingTimeInterval(-age)
            return identity
        }
        // A 60 s token under a 300 s margin: used for its first 30 s, refreshed after.
        #expect(RefreshDecision.decide(for: issued(60, ago: 0), now: now, margin: 300) == .useCurrent)
        #expect(RefreshDecision.decide(for: issued(60, ago: 29), now: now, margin: 300) == .useCurrent)
        #expect(RefreshDecision.decide(for: issued(60, ago: 31), now: now, margin: 300) == .refresh)
        // A 20 s token just issued is not due; an expired one is.
        #expect(RefreshDecision.decide(for: issued(20, ago: 0), now: now, margin: 300) == .useCurrent)
        #expect(RefreshDecision.decide(for: issued(20, ago: 21), now: now, margin: 300) == .refresh)
        // A long-lived token keeps the configured margin; a smaller configured margin wins.
        #expect(RefreshDecision.effectiveMargin(for: issued(3600, ago: 0), configured: 300) == 300)
        #expect(RefreshDecision.effectiveMargin(for: issued(60, ago: 0), configured: 300) == 30)
        #expect(RefreshDecision.effectiveMargin(for: issued(60, ago: 0), configured: 5) == 5)
        // A token already expired when stored has no margin left, and is due.
        #expect(RefreshDecision.effectiveMargin(for: issued(-10, ago: 0), configured: 300) == 0)
        #expect(RefreshDecision.decide(for: issued(-10, ago: 0), now: now, margin: 300) == .refresh)
    }
}
