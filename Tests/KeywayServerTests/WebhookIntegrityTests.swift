import Foundation
import KeywayCore
import KeywayStore
import KeywayTestSupport
import SQLKit
import Testing

/// One webhook endpoint whose stored secret no longer opens must not stop the others.
@Suite("Webhooks: an endpoint whose secret does not open")
struct WebhookIntegrityTests {
    @Test("listing still answers and the other endpoint still gets its events; the altered one gets nothing")
    func oneUnreadableSecret() async throws {
        let receiver = WebhookReceiver()
        try await receiver.run { url in
            try await Harness.run { h in
                let altered = try #require(try await h.addWebhook(url: url + "?a")["id"] as? String)
                let intact = try await h.addWebhook(url: url + "?b")
                let secret = try #require(intact["secret"] as? String)
                // The URL is part of the secret's seal: changing it in the database makes the secret not open.
                try await h.store.database.transaction { db in
                    try await db.raw("UPDATE webhook_endpoints SET url = url || '&x' WHERE id = \(bind: altered)").run()
                }
                let listed = try await h.http.get("\(h.api)/webhooks")
                #expect(listed.status == 200, "\(listed.body)")
                let items = try #require(listed.json["items"] as? [[String: Any]])
                #expect(items.count == 2)
                #expect(items.first { $0["id"] as? String == altered }?["secretIntegrityFailed"] as? Bool == true)

                try await h.withWebhookWorker {
                    _ = try await h.connect()
                    let got = try await receiver.wait { !$0.isEmpty }
                    let delivery = try #require(got.first)
                    let signature = try WebhookSignature.sign(
                        id: delivery.headers["webhook-id"] ?? "", timestamp: Int64(delivery.headers["webhook-timestamp"] ?? "") ?? 0,
                        body: delivery.body, secret: secret)
                    #expect(delivery.headers["webhook-signature"] == signature, "signed with the intact endpoint's secret")
                    #expect(delivery.eventType == "identity.created")
                    let end = Date().addingTimeInterval(15)
                    var attempts: [[String: Any]] = []
                    while attempts.isEmpty, Date() < end {
                        try await Task.sleep(for: .milliseconds(20))
                        let answer = try await h.http.get("\(h.api)/webhooks/\(altered)/deliveries")
                        attempts = (answer.json["items"] as? [[String: Any]])?.first?["attempts"] as? [[String: Any]] ?? []
                    }
                    #expect((attempts.first?["error"] as? String)?.contains("integrity_failed") == true, "\(attempts)")
                }
                #expect(receiver.requests.count == 1, "nothing was sent to the altered endpoint")
            }
        }
    }
}
