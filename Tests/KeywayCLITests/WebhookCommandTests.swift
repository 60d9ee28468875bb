import Foundation
import KeywayTestSupport
import Testing

/// `keyway webhook add | ls | deliveries | redeliver | rm` over the `/v1/webhooks` routes.
@Suite("CLI: webhook")
struct WebhookCommandTests {
    @Test("add prints the secret once; ls never shows it; deliveries, redeliver and rm work")
    func lifecycle() async throws {
        try await withCLI { h, cli in
            let added = try await cli.run(
                "webhook add https://hooks.example.com/keyway --event identity.created --event identity.deleted --output json")
            #expect(added.status == 0, "\(added)")
            let object = try #require(added.object)
            let id = try #require(object["id"] as? String)
            let secret = try #require(object["secret"] as? String)
            #expect(secret.hasPrefix("whsec_"))
            #expect(object["events"] as? [String] == ["identity.created", "identity.deleted"])

            let table = try await cli.run("webhook ls")
            #expect(table.status == 0, "\(table)")
            #expect(table.stdout.contains(id))
            #expect(!table.stdout.contains(secret))
            let listed = try await cli.run("webhook ls --output json")
            #expect(!listed.stdout.contains(secret))

            // A connection enqueues a delivery (no worker runs here, so it stays pending).
            _ = try await h.connect()
            let deliveries = try await cli.run("webhook deliveries \(id) --output json")
            #expect(deliveries.status == 0, "\(deliveries)")
            #expect(deliveries.items.compactMap { $0["eventType"] as? String } == ["identity.created"])
            #expect(deliveries.items.compactMap { $0["state"] as? String } == ["pending"])
            let deliveryId = try #require(deliveries.items.first?["id"] as? String)
            let redeliver = try await cli.run("webhook redeliver \(deliveryId)")
            #expect(redeliver.status == 0, "\(redeliver)")

            let bad = try await cli.run("webhook add https://hooks.example.com/x --event identity.exploded")
            #expect(bad.status == 1)
            #expect(bad.stderr.hasPrefix("error: invalid_events: "), "\(bad)")

            let removed = try await cli.run("webhook rm \(id)")
            #expect(removed.status == 0, "\(removed)")
            let again = try await cli.run("webhook rm \(id)")
            #expect(again.stderr.hasPrefix("error: webhook_not_found: "), "\(again)")
        }
    }

    @Test("service rm --force reports every identity it removes as identity.deleted")
    func forcedServiceRemovalSendsDeleted() async throws {
        try await withCLI { h, cli in
            let added = try await cli.run("webhook add https://hooks.example.com/keyway --event identity.deleted --output json")
            let id = try #require(added.object?["id"] as? String, "\(added)")
            let identities = [try await h.connect(), try await h.connect(tags: ["tenantId": "fabrikam"])]
            let forced = try await cli.run("service rm hubspot --force")
            #expect(forced.status == 0, "\(forced)")
            // No worker runs here: the events wait in the outbox, written with the deletion.
            let deliveries = try await cli.run("webhook deliveries \(id) --output json")
            #expect(deliveries.items.compactMap { $0["eventType"] as? String } == ["identity.deleted", "identity.deleted"])
            let stored = try await h.store.webhookDeliveries(endpointId: id, limit: 10)
            let reported = try await h.store.claimWebhookDeliveries(now: Date(), leaseUntil: Date(), limit: 10)
                .compactMap { (try? JSONSerialization.jsonObject(with: $0.payload)) as? [String: Any] }
                .compactMap { ($0["data"] as? [String: Any])?["identityId"] as? String }
            #expect(stored.count == 2)
            #expect(Set(reported) == Set(identities))
        }
    }

    @Test("webhook enable turns an endpoint a 410 disabled back on")
    func enable() async throws {
        let receiver = WebhookReceiver(answer: { _ in 410 })
        try await receiver.run { url in
            try await withCLI { h, cli in
                let id = try #require(try await h.addWebhook(url: url)["id"] as? String)
                try await h.withWebhookWorker {
                    _ = try await h.connect()
                    try await receiver.wait { !$0.isEmpty }
                    let end = Date().addingTimeInterval(10)
                    while try await h.keyway.webhooks().first?.enabled != false, Date() < end {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                }
                #expect(try await cli.run("webhook ls --output json").items.first?["enabled"] as? Bool == false)
                let enabled = try await cli.run("webhook enable \(id)")
                #expect(enabled.status == 0 && enabled.stdout.contains("Enabled webhook \(id)."), "\(enabled)")
                #expect(try await cli.run("webhook ls --output json").items.first?["enabled"] as? Bool == true)
                let missing = try await cli.run("webhook enable whk_missing")
                #expect(missing.status == 1 && missing.stderr.hasPrefix("error: webhook_not_found: "), "\(missing)")
            }
        }
    }
}
