import Foundation
import KeywayClient
import KeywayTestSupport
import Testing

/// Webhooks end to end: a receiver on a loopback port gets signed events from the delivery worker.
@Suite("Webhooks")
struct WebhookTests {
    @Test("a receiver gets identity.created after a browser flow, signed so that the SDK verifies it")
    func createdAfterFlow() async throws {
        let receiver = WebhookReceiver()
        try await receiver.run { url in
            try await Harness.run { h in
                let created = try await h.addWebhook(url: url)
                let secret = try #require(created["secret"] as? String)
                #expect(secret.hasPrefix("whsec_"))
                #expect(created["events"] as? [String] == [
                    "identity.created", "identity.reconnected", "identity.refresh_failed", "identity.deleted",
                ])
                // Lists never show the secret again.
                let listed = try await h.http.get("\(h.api)/webhooks")
                #expect(!listed.body.contains(secret))
                try await h.withWebhookWorker {
                    let id = try await h.connect()
                    let got = try await receiver.wait { !$0.isEmpty }
                    let delivery = try #require(got.first)
                    let event = try KeywayWebhook.verify(body: delivery.body, headers: delivery.headers, secret: secret)
                    #expect(event.type == "identity.created")
                    #expect(event.data.identityId == id)
                    #expect(event.data.serviceId == "hubspot")
                    #expect(event.data.tags == ["tenantId": "contoso", "userId": "u1"])
                    #expect(event.data.status == "active")
                    #expect(event.id == delivery.headers["webhook-id"])
                    // Never a token.
                    let stored = try #require(try await h.store.identity(serviceId: "hubspot", id: id))
                    let body = String(decoding: delivery.body, as: UTF8.self)
                    #expect(!body.contains(stored.credentials.accessToken))
                    #expect(!body.contains(try #require(stored.credentials.refreshToken)))
                    // A changed body, another secret or an old timestamp is refused.
                    var altered = delivery.body
                    altered.append(contentsOf: Array(" ".utf8))
                    #expect(throws: KeywayWebhook.VerificationError.invalidSignature) {
                        try KeywayWebhook.verify(body: altered, headers: delivery.headers, secret: secret)
                    }
                    let other = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()
                    #expect(throws: KeywayWebhook.VerificationError.invalidSignature) {
                        try KeywayWebhook.verify(body: delivery.body, headers: delivery.headers, secret: other)
                    }
                    #expect(throws: KeywayWebhook.VerificationError.timestampOutOfTolerance) {
                        try KeywayWebhook.verify(
                            body: delivery.body, headers: delivery.headers, secret: secret, now: Date().addingTimeInterval(600))
                    }
                    // Several signatures, space-separated: one that matches is enough.
                    var rotated = delivery.headers
                    rotated["webhook-signature"] = "v1,AAAA " + (delivery.headers["webhook-signature"] ?? "")
                    #expect((try? KeywayWebhook.verify(body: delivery.body, headers: rotated, secret: secret)) != nil)
                }
            }
        }
    }

    @Test("a receiver failing three times then succeeding gets the event delivered once, with four attempts recorded")
    func retriesUntilDelivered() async throws {
        let receiver = WebhookReceiver(answer: { $0 <= 3 ? 503 : 200 })
        try await receiver.run { url in
            try await Harness.run { h in
                let webhookId = try #require(try await h.addWebhook(url: url)["id"] as? String)
                try await h.withWebhookWorker {
                    _ = try await h.connect()
                    try await receiver.wait { $0.count >= 4 }
                    // Nothing more is sent once delivered.
                    try await Task.sleep(for: .milliseconds(600))
                    let got = receiver.requests
                    #expect(got.count == 4)
                    #expect(Set(got.compactMap { $0.headers["webhook-id"] }).count == 1)
                }
                let answer = try await h.http.get("\(h.api)/webhooks/\(webhookId)/deliveries")
                #expect(answer.status == 200, "\(answer.body)")
                let items = try #require(answer.json["items"] as? [[String: Any]])
                #expect(items.count == 1)
                let delivery = try #require(items.first)
                #expect(delivery["state"] as? String == "delivered")
                let attempts = try #require(delivery["attempts"] as? [[String: Any]])
                #expect(attempts.map { $0["statusCode"] as? Int } == [503, 503, 503, 200])
            }
        }
    }

    @Test("a receiver answering 410 disables its endpoint: nothing more is sent to it")
    func goneDisables() async throws {
        let receiver = WebhookReceiver(answer: { _ in 410 })
        try await receiver.run { url in
            try await Harness.run { h in
                let webhookId = try #require(try await h.addWebhook(url: url)["id"] as? String)
                try await h.withWebhookWorker {
                    _ = try await h.connect()
                    try await receiver.wait { !$0.isEmpty }
                    // The attempt is recorded just after the receiver answers.
                    var endpoint: [String: Any] = [:]
                    for _ in 0..<100 {
                        let listed = try await h.http.get("\(h.api)/webhooks")
                        endpoint = try #require((listed.json["items"] as? [[String: Any]])?.first)
                        if endpoint["enabled"] as? Bool == false { break }
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    #expect(endpoint["enabled"] as? Bool == false)
                    #expect(endpoint["id"] as? String == webhookId)
                    _ = try await h.connect(tags: ["tenantId": "fabrikam"])
                    try await Task.sleep(for: .milliseconds(500))
                    #expect(receiver.requests.count == 1)
                }
                let deliveries = try await h.http.get("\(h.api)/webhooks/\(webhookId)/deliveries")
                let states = (deliveries.json["items"] as? [[String: Any]])?.compactMap { $0["state"] as? String }
                #expect(states == ["cancelled"])
            }
        }
    }

    @Test("an endpoint disabled by a 410 can be enabled again: new events reach it")
    func enableAfterGone() async throws {
        let receiver = WebhookReceiver(answer: { $0 == 1 ? 410 : 200 })
        try await receiver.run { url in
            try await Harness.run { h in
                let webhookId = try #require(try await h.addWebhook(url: url)["id"] as? String)
                try await h.withWebhookWorker {
                    _ = try await h.connect()
                    try await receiver.wait { !$0.isEmpty }
                    var disabled = false
                    for _ in 0..<250 where !disabled {
                        disabled = try await h.client.webhooks().first?.enabled == false
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    #expect(disabled)
                    let enabled = try await h.client.enableWebhook(webhookId)
                    #expect(enabled.enabled && enabled.disabledReason == nil && enabled.secret == nil)
                    _ = try await h.connect(tags: ["tenantId": "fabrikam"])
                    let got = try await receiver.wait { $0.count >= 2 }
                    #expect(got.count == 2)
                    #expect((got.last?.json["data"] as? [String: Any])?["tags"] as? [String: String] == ["tenantId": "fabrikam"])
                }
                let missing = await expectClientError { _ = try await h.client.enableWebhook("whk_missing") }
                #expect(missing?.code == "webhook_not_found")
            }
        }
    }

    @Test("a refused refresh sends identity.refresh_failed; identity.refreshed goes only to endpoints that ask for it")
    func refreshEvents() async throws {
        let all = WebhookReceiver()
        let optedIn = WebhookReceiver()
        try await all.run { allURL in
            try await optedIn.run { optedInURL in
                try await Harness.run { h in
                    _ = try await h.addWebhook(url: allURL)
                    let secret = try #require(
                        try await h.addWebhook(url: optedInURL, events: ["identity.refreshed", "identity.refresh_failed"])[
                            "secret"] as? String)
                    try await h.withWebhookWorker {
                        let id = try await h.connect()
                        h.clock.advance(by: 1801)
                        #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token").status == 200)
                        let stored = try #require(try await h.store.identity(serviceId: "hubspot", id: id))
                        let refreshToken = try #require(stored.credentials.refreshToken)
                        _ = try await h.http.send(
                            .DELETE, "\(h.sandboxURL)/oauth/v1/refresh-tokens/\(refreshToken)", authorized: false)
                        h.clock.advance(by: 1801)
                        #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token").status == 409)

                        let toOptedIn = try await optedIn.wait { $0.map(\.eventType).contains("identity.refresh_failed") }
                        #expect(toOptedIn.map(\.eventType) == ["identity.refreshed", "identity.refresh_failed"])
                        let toAll = try await all.wait { $0.map(\.eventType).contains("identity.refresh_failed") }
                        #expect(toAll.map(\.eventType) == ["identity.created", "identity.refresh_failed"])
                        let failed = try #require(toOptedIn.last)
                        let event = try KeywayWebhook.verify(
                            body: failed.body, headers: failed.headers, secret: secret, now: h.clock.now)
                        #expect(event.data.status == "refresh_failed")
                        #expect(event.data.statusReason?.contains("invalid_grant") == true)
                    }
                }
            }
        }
    }

    @Test("connecting again sends identity.reconnected, deleting sends identity.deleted; a delivery can be redelivered")
    func reconnectDeleteRedeliver() async throws {
        let receiver = WebhookReceiver()
        try await receiver.run { url in
            try await Harness.run { h in
                let webhookId = try #require(try await h.addWebhook(url: url)["id"] as? String)
                try await h.withWebhookWorker {
                    let id = try await h.connect()
                    #expect(try await h.connect() == id)
                    #expect(try await h.http.delete("\(h.api)/services/hubspot/identities/\(id)").status == 204)
                    let got = try await receiver.wait { $0.count >= 3 }
                    // Deliveries run at the same time: their order is not guaranteed (the timestamps tell it).
                    #expect(Set(got.map(\.eventType)) == ["identity.created", "identity.reconnected", "identity.deleted"])
                    #expect(got.allSatisfy { ($0.json["data"] as? [String: Any])?["identityId"] as? String == id })

                    let deliveries = try await h.http.get("\(h.api)/webhooks/\(webhookId)/deliveries")
                    let newest = try #require((deliveries.json["items"] as? [[String: Any]])?.first)
                    let deliveryId = try #require(newest["id"] as? String)
                    let again = try await h.http.post("\(h.api)/webhooks/deliveries/\(deliveryId)/redeliver", json: "{}")
                    #expect(again.status == 202, "\(again.body)")
                    let after = try await receiver.wait { $0.count >= 4 }
                    #expect(after.count == 4)
                    let redelivered = try #require(newest["eventId"] as? String)
                    #expect(after[3].headers["webhook-id"] == redelivered)
                    #expect(got.contains { $0.headers["webhook-id"] == redelivered })
                }
                let missing = try await h.http.post("\(h.api)/webhooks/deliveries/dlv_nope/redeliver", json: "{}")
                #expect(missing.status == 404)
                #expect(missing.errorCode == "delivery_not_found")
                #expect(try await h.http.delete("\(h.api)/webhooks/\(webhookId)").status == 204)
                #expect(try await h.http.delete("\(h.api)/webhooks/\(webhookId)").errorCode == "webhook_not_found")
            }
        }
    }

    @Test("bad endpoints are refused: unknown events, no events, private or plain-http URLs where not allowed")
    func badEndpoints() async throws {
        try await Harness.run(outboundURLs: .publicAddressesOnly) { h in
            let cases: [(String, String)] = [
                (#"{"url":"https://hooks.example.com/x","events":["identity.exploded"]}"#, "invalid_events"),
                (#"{"url":"https://hooks.example.com/x","events":[]}"#, "invalid_events"),
                (#"{"url":"http://127.0.0.1:9/x"}"#, "private_address"),
                (#"{"url":"https://10.0.0.1/x"}"#, "private_address"),
                (#"{"url":"http://hooks.example.com/x"}"#, "invalid_url"),
                (#"{"url":"ftp://hooks.example.com/x"}"#, "invalid_url"),
            ]
            for (body, code) in cases {
                let answer = try await h.http.post("\(h.api)/webhooks", json: body)
                #expect(answer.status == 400, "\(body): \(answer.body)")
                #expect(answer.errorCode == code, "\(body): \(answer.body)")
            }
            let fine = try await h.http.post("\(h.api)/webhooks", json: #"{"url":"https://hooks.example.com/x"}"#)
            #expect(fine.status == 201, "\(fine.body)")
        }
    }
}
