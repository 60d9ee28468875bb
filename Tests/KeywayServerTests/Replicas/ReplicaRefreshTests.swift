import AsyncHTTPClient
import Foundation
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Exactly one refresh across replicas, coordinated by PostgreSQL's advisory lock.
@Suite(
    "Replicas: exactly one refresh", .serialized,
    .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason))
struct ReplicaRefreshTests {
    static let readers = 600
    /// Sandbox tokens live 30 s and replicas are given a 45 s margin, which a token this short caps at half its
    /// lifetime: a token is due 15 s after it is issued. Once it is due, the sandbox is told to issue
    /// hour-long tokens, so that the new one is never due again however long a loaded machine takes over the
    /// readers.
    static let tokenLifetime: Duration = .seconds(30)
    static let margin = ["--refresh-margin", "45"]
    static let dueAfter: Duration = .seconds(16)

    @Test("600 concurrent token reads over three replicas, rotating refresh tokens: one grant, one new token")
    func thunderingHerd() async throws {
        let options = SandboxOptions(tokenLifetime: Self.tokenLifetime, rotateRefreshTokens: true)
        try await ReplicaSet.run(sandbox: options, arguments: Self.margin) { set in
            let id = try await set.connect()
            let old = try #require(try await set.token(id, on: 0).json["accessToken"] as? String)
            try await Task.sleep(for: Self.dueAfter)
            let hourLong = try await set.http.post(set.sandboxURL + "/_config", json: #"{"tokenLifetimeSeconds":3600}"#)
            #expect(hourLong.status == 200)
            let started = ContinuousClock.now
            let answers = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
                for reader in 0..<Self.readers {
                    group.addTask {
                        let answer = try await set.token(id, on: reader % 3)
                        return (answer.status, answer.json["accessToken"] as? String)
                    }
                }
                var answers: [(Int, String?)] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            let elapsed = ContinuousClock.now - started
            let grants = set.sandbox.stats().tokenRequests["refresh_token"] ?? -1
            print("replicas: \(Self.readers) concurrent token reads over 3 replicas took \(elapsed); refresh grants: \(grants)")
            #expect(answers.count == Self.readers)
            #expect(answers.allSatisfy { $0.0 == 200 })
            let tokens = Set(answers.compactMap(\.1))
            #expect(tokens.count == 1)
            #expect(tokens.first != old)
            #expect(set.sandbox.stats().tokenRequests["refresh_token"] == 1)
        }
    }

    @Test("a replica SIGKILLed in the middle of a refresh: another takes over at once, the identity stays usable")
    func killedMidRefresh() async throws {
        let options = SandboxOptions(tokenLifetime: Self.tokenLifetime)
        try await ReplicaSet.run(sandbox: options, arguments: Self.margin) { set in
            let id = try await set.connect()
            let old = try #require(try await set.token(id, on: 0).json["accessToken"] as? String)
            try await Task.sleep(for: Self.dueAfter)
            let delay = 3000
            let configured = try await set.http.post(
                set.sandboxURL + "/_config", json: #"{"tokenDelayMilliseconds":\#(delay),"tokenLifetimeSeconds":3600}"#)
            #expect(configured.status == 200)

            // Replica 1 starts the refresh: the grant reaches the sandbox, whose answer is held back.
            let doomed = Task { try? await set.token(id, on: 0) }
            let deadline = ContinuousClock.now + .seconds(10)
            while set.sandbox.stats().tokenRequests["refresh_token"] == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(set.sandbox.stats().tokenRequests["refresh_token"] == 1)
            set.replicas[0].kill()
            _ = await doomed.value

            // Replicas 2 and 3 find the lock released with the dead connection: one refreshes, one waits.
            let started = ContinuousClock.now
            async let second = set.token(id, on: 1)
            async let third = set.token(id, on: 2)
            let (fromSecond, fromThird) = try await (second, third)
            let elapsed = ContinuousClock.now - started
            print(
                "replicas: after a SIGKILL mid-refresh, the takeover answered in \(elapsed)"
                    + " (the sandbox holds each token answer \(delay) ms)")
            #expect(fromSecond.status == 200, "\(fromSecond.body)")
            #expect(fromThird.status == 200, "\(fromThird.body)")
            let token = try #require(fromSecond.json["accessToken"] as? String)
            #expect(fromThird.json["accessToken"] as? String == token)
            #expect(token != old)
            #expect(elapsed < .milliseconds(delay) + .seconds(5))
            #expect(set.sandbox.stats().tokenRequests["refresh_token"] == 2)

            _ = try await set.http.post(set.sandboxURL + "/_config", json: #"{"tokenDelayMilliseconds":0}"#)
            let identity = try await set.http.get(set.api(1) + "/services/hubspot/identities/\(id)")
            #expect(identity.json["status"] as? String == "active")
            let contact = try await set.http.send(
                .POST, set.api(2) + "/proxy/hubspot/crm/v3/objects/contacts",
                body: #"{"properties":{"email":"after-crash@example.com"}}"#, headers: [("Keyway-Identity", id)])
            #expect(contact.status == 201, "\(contact.body)")
        }
    }
}
