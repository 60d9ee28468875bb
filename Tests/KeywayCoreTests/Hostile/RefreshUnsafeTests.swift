import Foundation
import KeywayCore
import Testing

/// A refresh whose answer names a host Keyway will not use ends the identity's refreshes, without a token.
@Suite("Refresh state machine: unsafe answers")
struct RefreshUnsafeTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func identity() -> Identity {
        Identity(
            id: "idn_1", serviceId: "s", tags: ["tenantId": "t"],
            credentials: Credentials(accessToken: "at-1", refreshToken: "rt-1", expiresAt: now.addingTimeInterval(-1)),
            metadata: ["instance_url": "https://na1.salesforce.com"], createdAt: now, updatedAt: now)
    }

    @Test("marks refresh_failed with the reason, keeps the stored tokens and metadata, and hands out nothing")
    func marks() throws {
        var machine = RefreshStateMachine(margin: 300)
        let current = identity()
        #expect(machine.read(current, now: now) == .requestToken(current))
        let error = KeywayError(.badGateway, "untrusted_host", "The provider reported a 'instance_url' … rt-1 …")
        guard case .write(let written, let expected) = machine.refreshUnsafe(error, now: now) else {
            Issue.record("expected a write")
            return
        }
        #expect(expected == 1 && written.version == 2)
        #expect(written.status == .refreshFailed)
        #expect(written.statusReason?.contains("instance_url") == true)
        #expect(written.statusReason?.contains("rt-1") == false, "a secret in the reason is redacted")
        #expect(written.credentials == current.credentials && written.metadata == current.metadata)
        guard case .fail(let refusal) = machine.writeFinished(written: true, now: now) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(refusal.code == "refresh_failed")
    }

    @Test("a write conflict reads again and uses what another writer stored")
    func conflict() throws {
        var machine = RefreshStateMachine(margin: 300)
        let current = identity()
        _ = machine.read(current, now: now)
        _ = machine.refreshUnsafe(KeywayError(.badGateway, "untrusted_host", "x"), now: now)
        #expect(machine.writeFinished(written: false, now: now) == .reread)
        var newer = current
        newer.version = 2
        newer.credentials = Credentials(accessToken: "at-2", refreshToken: "rt-2", expiresAt: now.addingTimeInterval(3600))
        #expect(machine.read(newer, now: now) == .use(newer))
    }

    @Test("out of order, it is an internal error rather than a write")
    func outOfOrder() {
        var machine = RefreshStateMachine(margin: 300)
        guard case .fail(let error) = machine.refreshUnsafe(KeywayError(.badGateway, "untrusted_host", "x"), now: now) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == "internal_error")
    }
}
