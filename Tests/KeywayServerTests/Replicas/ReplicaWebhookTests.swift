import Foundation
import KeywayTestSupport
import Testing

/// The webhook outbox across real `keyway serve` processes on one PostgreSQL database: every event is
/// delivered once however many replicas poll, and an event survives the replica that wrote it being killed.
@Suite(
    "Replicas: webhooks", .serialized,
    .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason))
struct ReplicaWebhookTests {
    /// Every replica's delivery worker polls every 50 ms, so all three compete for each delivery.
    static let eagerWorker = ["--webhook-poll-interval", "0.05"]

    @Test("three replicas polling at once: each of 12 events arrives exactly once, with one attempt recorded")
    func eachEventOnce() async throws {
        try await ReplicaSet.run(arguments: Self.eagerWorker) { set in
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                let webhook = try await Self.addWebhook(set, url: url)
                var identities: Set<String> = []
                for n in 0..<12 {
                    identities.insert(
                        try await set.connect(
                            tags: ["tenantId": "t\(n)"], session: n % 3, connect: (n + 1) % 3, callback: (n + 2) % 3))
                }
                try await receiver.wait(timeout: 30) { Set($0.map { $0.headers["webhook-id"] ?? "" }).count >= 12 }
                // Time for a second replica to send an event again, were the claims not exclusive.
                try await Task.sleep(for: .seconds(1))
                let received = receiver.requests
                let ids = received.map { $0.headers["webhook-id"] ?? "" }
                #expect(received.count == 12, "\(ids)")
                #expect(Set(ids).count == 12)
                #expect(Set(received.map { ($0.json["data"] as? [String: Any])?["identityId"] as? String ?? "" }) == identities)
                #expect(received.allSatisfy { $0.eventType == "identity.created" })
                #expect(received.allSatisfy { $0.headers["webhook-id"] == $0.json["id"] as? String })

                let deliveries = try await set.http.get(set.api(1) + "/webhooks/\(webhook)/deliveries")
                let items = try #require(deliveries.json["items"] as? [[String: Any]])
                #expect(items.count == 12)
                #expect(items.allSatisfy { $0["state"] as? String == "delivered" })
                #expect(items.allSatisfy { ($0["attempts"] as? [Any])?.count == 1 })
            }
        }
    }

    @Test("a replica SIGKILLed after an identity change but before delivering: a restarted replica delivers it")
    func deliveredAfterKill() async throws {
        // The first replica's worker would not poll again for an hour: the event can only wait in the outbox.
        try await ReplicaSet.run(count: 1, arguments: ["--webhook-poll-interval", "3600"]) { set in
            let receiver = WebhookReceiver()
            try await receiver.run { url in
                _ = try await Self.addWebhook(set, url: url)
                let identity = try await set.connect(session: 0, connect: 0, callback: 0)
                try await Task.sleep(for: .milliseconds(500))
                #expect(receiver.requests.isEmpty, "nothing is delivered before the kill")
                set.replicas[0].kill()

                let (arguments, environment) = set.replicaConfiguration(arguments: Self.eagerWorker)
                let restarted = try await KeywayProcess(
                    arguments: arguments, environment: environment, dataDirectory: set.dataDirectory)
                defer { restarted.stop() }
                let received = try await receiver.wait(timeout: 30) { !$0.isEmpty }
                #expect(received.count == 1)
                let event = try #require(received.first)
                #expect(event.eventType == "identity.created")
                #expect((event.json["data"] as? [String: Any])?["identityId"] as? String == identity)
            }
        }
    }

    @Test("a replica SIGKILLed mid-attempt: once the lease ends, a restarted replica delivers the same event")
    func deliveredAfterKillMidAttempt() async throws {
        // A lease of the 5 s attempt deadline plus a 2 s margin; the receiver stalls the first attempt past both.
        // The kill must land before that attempt's deadline, or the replica records it as timed out first: 5 s
        // leaves room for a loaded machine (with a 1 s deadline, a late kill on a loaded CI machine did not).
        let lease = ["--webhook-timeout", "5", "--webhook-lease-margin", "2"]
        try await ReplicaSet.run(count: 1, arguments: Self.eagerWorker + lease) { set in
            let receiver = WebhookReceiver(delay: { $0 == 1 ? .seconds(12) : .zero })
            try await receiver.run { url in
                let webhook = try await Self.addWebhook(set, url: url)
                let identity = try await set.connect(session: 0, connect: 0, callback: 0)
                let first = try #require(try await receiver.wait(timeout: 30) { !$0.isEmpty }.first)
                set.replicas[0].kill()  // while its attempt waits for the stalled receiver

                let (arguments, environment) = set.replicaConfiguration(arguments: Self.eagerWorker + lease)
                let restarted = try await KeywayProcess(
                    arguments: arguments, environment: environment, dataDirectory: set.dataDirectory)
                defer { restarted.stop() }
                let received = try await receiver.wait(timeout: 30) { $0.count >= 2 }
                #expect(received.count == 2)
                let second = try #require(received.dropFirst().first)
                #expect(second.headers["webhook-id"] == first.headers["webhook-id"], "the same event, the same webhook-id")
                #expect((second.json["data"] as? [String: Any])?["identityId"] as? String == identity)
                // Not before the killed replica's lease ended (7 s after its claim, just before the first arrived).
                #expect(second.at.timeIntervalSince(first.at) >= 6.5, "\(second.at.timeIntervalSince(first.at)) s")

                let deliveries = try await set.http.get(restarted.url + "/v1/webhooks/\(webhook)/deliveries")
                let item = try #require((deliveries.json["items"] as? [[String: Any]])?.first, "\(deliveries.body)")
                #expect(item["state"] as? String == "delivered")
                #expect((item["attempts"] as? [Any])?.count == 1, "the killed attempt was never recorded")
            }
        }
    }

    /// Registers an endpoint through the first replica; returns its id.
    static func addWebhook(_ set: ReplicaSet, url: String) async throws -> String {
        let added = try await set.http.post(set.api(0) + "/webhooks", json: #"{"url":"\#(url)"}"#)
        #expect(added.status == 201, "\(added.body)")
        return try #require(added.json["id"] as? String)
    }
}
