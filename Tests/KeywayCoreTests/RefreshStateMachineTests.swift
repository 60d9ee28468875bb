import Foundation
import KeywayCore
import Testing

/// The refresh decisions without I/O: every path from read to token or failure.
@Suite("Refresh state machine")
struct RefreshStateMachineTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func identity(expiresIn: TimeInterval, version: Int64 = 1, refreshToken: String? = "rt-1") -> Identity {
        Identity(
            id: "idn_1", serviceId: "s", tags: ["tenantId": "t"],
            credentials: Credentials(accessToken: "at-\(version)", refreshToken: refreshToken, expiresAt: now.addingTimeInterval(expiresIn)),
            createdAt: now.addingTimeInterval(-3600), updatedAt: now.addingTimeInterval(-3600), version: version)
    }

    @Test("a token not due is used without a grant")
    func notDue() {
        var machine = RefreshStateMachine(margin: 300)
        let current = identity(expiresIn: 600)
        #expect(machine.read(current, now: now) == .use(current))
    }

    @Test("an expired token: grant, compare-and-set write of version + 1, then use")
    func refreshes() throws {
        var machine = RefreshStateMachine(margin: 300)
        let current = identity(expiresIn: -1)
        #expect(machine.read(current, now: now) == .requestToken(current))
        let fresh = Credentials(accessToken: "at-new", refreshToken: "rt-2", expiresAt: now.addingTimeInterval(1800))
        guard case .write(let written, let expected) = machine.tokenReceived(fresh, now: now) else {
            Issue.record("expected a write")
            return
        }
        #expect(expected == 1)
        #expect(written.version == 2)
        #expect(written.credentials == fresh)
        #expect(machine.writeFinished(written: true, now: now) == .use(written))
    }

    @Test("metadata a refresh answer reports (Salesforce's instance_url) replaces the stored value; the rest stays")
    func metadata() {
        var machine = RefreshStateMachine(margin: 300)
        var current = identity(expiresIn: -1)
        current.metadata = ["instance_url": "https://old.my.salesforce.com", "subdomain": "contoso"]
        _ = machine.read(current, now: now)
        let action = machine.tokenReceived(
            Credentials(accessToken: "at-new"), metadata: ["instance_url": "https://new.my.salesforce.com"], now: now)
        guard case .write(let written, _) = action else {
            Issue.record("expected a write")
            return
        }
        #expect(written.metadata == ["instance_url": "https://new.my.salesforce.com", "subdomain": "contoso"])
    }

    @Test("a lost compare-and-set reads again and uses what the other writer stored")
    func lostWrite() {
        var machine = RefreshStateMachine(margin: 300)
        _ = machine.read(identity(expiresIn: -1), now: now)
        _ = machine.tokenReceived(Credentials(accessToken: "mine", expiresAt: now.addingTimeInterval(1800)), now: now)
        #expect(machine.writeFinished(written: false, now: now) == .reread)
        let theirs = identity(expiresIn: 1800, version: 2)
        #expect(machine.read(theirs, now: now) == .use(theirs))
    }

    @Test("invalid_grant with an unchanged store marks refresh_failed with the reason, and fails")
    func invalidGrant() throws {
        var machine = RefreshStateMachine(margin: 300)
        let current = identity(expiresIn: -1)
        _ = machine.read(current, now: now)
        let refusal = OAuthProviderError(error: "invalid_grant", description: "refresh token revoked", status: 400)
        #expect(machine.tokenRefused(refusal, now: now) == .reread)
        guard case .write(let failed, let expected) = machine.read(current, now: now) else {
            Issue.record("expected the identity to be marked")
            return
        }
        #expect(expected == 1)
        #expect(failed.status == .refreshFailed)
        #expect(failed.statusReason?.contains("invalid_grant") == true)
        #expect(failed.statusReason?.contains("refresh token revoked") == true)
        #expect(failed.credentials == current.credentials)
        guard case .fail(let error) = machine.writeFinished(written: true, now: now) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == "refresh_failed")
    }

    @Test("a refusal that echoes the refresh token does not carry it into the stored reason")
    func echoedSecret() {
        var machine = RefreshStateMachine(margin: 300)
        let current = identity(expiresIn: -1)
        _ = machine.read(current, now: now)
        let echo = OAuthProviderError(error: "invalid_grant", description: "refresh token rt-1 is revoked", status: 400)
        #expect(machine.tokenRefused(echo, now: now) == .reread)
        guard case .write(let marked, _) = machine.read(current, now: now) else {
            Issue.record("expected the identity to be marked")
            return
        }
        #expect(marked.status == .refreshFailed)
        #expect(marked.statusReason == "The provider answered invalid_grant: refresh token [redacted] is revoked")
    }

    @Test("invalid_grant after another writer refreshed uses the newer identity and marks nothing")
    func invalidGrantSuperseded() {
        var machine = RefreshStateMachine(margin: 300)
        _ = machine.read(identity(expiresIn: -1), now: now)
        _ = machine.tokenRefused(OAuthProviderError(error: "invalid_grant", description: nil), now: now)
        let newer = identity(expiresIn: 1800, version: 2, refreshToken: "rt-rotated")
        #expect(machine.read(newer, now: now) == .use(newer))
    }

    @Test("a passing failure keeps a still-valid token and refuses an expired one")
    func transient() {
        var valid = RefreshStateMachine(margin: 300)
        let due = identity(expiresIn: 100)
        _ = valid.read(due, now: now)
        #expect(valid.tokenRefused(OAuthProviderError(error: "provider_unavailable", description: nil, status: 503), now: now) == .use(due))

        var expired = RefreshStateMachine(margin: 300)
        _ = expired.read(identity(expiresIn: -1), now: now)
        guard case .fail(let error) = expired.tokenRefused(OAuthProviderError(error: "provider_unreachable", description: nil), now: now)
        else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == "refresh_unavailable")
    }

    @Test("invalid_client marks nothing: an expired or API-rejected token fails with refresh_rejected, a due one is used")
    func misconfigured() {
        let refusal = OAuthProviderError(error: "invalid_client", description: nil, status: 401)
        var expired = RefreshStateMachine(margin: 300)
        _ = expired.read(identity(expiresIn: -1), now: now)
        guard case .fail(let error) = expired.tokenRefused(refusal, now: now) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == "refresh_rejected")

        var due = RefreshStateMachine(margin: 300)
        let stillValid = identity(expiresIn: 100)
        _ = due.read(stillValid, now: now)
        #expect(due.tokenRefused(refusal, now: now) == .use(stillValid))

        var rejected = RefreshStateMachine(margin: 300, rejectedVersion: 1)
        _ = rejected.read(stillValid, now: now)
        guard case .fail(let afterRejection) = rejected.tokenRefused(refusal, now: now) else {
            Issue.record("a token the API rejected is not handed out again")
            return
        }
        #expect(afterRejection.code == "refresh_rejected")
    }

    @Test("after a 401, a token not due is refreshed, unless the store already holds a newer version")
    func rejected() {
        var machine = RefreshStateMachine(margin: 300, rejectedVersion: 1)
        let current = identity(expiresIn: 1700)
        #expect(machine.read(current, now: now) == .requestToken(current))
        var superseded = RefreshStateMachine(margin: 300, rejectedVersion: 1)
        let newer = identity(expiresIn: 1800, version: 2)
        #expect(superseded.read(newer, now: now) == .use(newer))
    }

    @Test("an expired token without a refresh token fails with token_expired")
    func noRefreshToken() {
        var machine = RefreshStateMachine(margin: 300)
        guard case .fail(let error) = machine.read(identity(expiresIn: -1, refreshToken: nil), now: now) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == "token_expired")
    }
}
