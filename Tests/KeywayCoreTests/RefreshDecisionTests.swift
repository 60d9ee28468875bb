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
            createdAt: now, updatedAt: now)
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
}
