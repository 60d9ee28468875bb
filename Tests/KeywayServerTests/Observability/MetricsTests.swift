import Foundation
import KeywayTestSupport
import Testing

/// `GET /metrics` over real HTTP: Prometheus text, exact counts, bounded labels.
@Suite("Metrics")
struct MetricsTests {
    func scrape(_ h: Harness) async throws -> PrometheusText {
        let answer = try await h.http.get("\(h.base)/metrics", authorized: false)
        #expect(answer.status == 200)
        #expect(answer.headers.first(name: "content-type")?.hasPrefix("text/plain") == true)
        return try PrometheusText(answer.body)
    }

    @Test("/metrics parses as Prometheus text and counts token reads exactly")
    func countsTokenReads() async throws {
        try await Harness.run { h in
            let identity = try await h.connect()
            let before = try await scrape(h)
            let byId = ["service": "hubspot", "lookup": "id", "outcome": "success"]
            let reads = 7
            for _ in 0..<reads {
                let token = try await h.http.get("\(h.api)/services/hubspot/identities/\(identity)/token")
                #expect(token.status == 200)
            }
            let byTags = try await h.http.get("\(h.api)/services/hubspot/token?tag=tenantId:contoso")
            #expect(byTags.status == 200)
            let missing = try await h.http.get("\(h.api)/services/hubspot/identities/idn_missing/token")
            #expect(missing.status == 404)
            let after = try await scrape(h)
            #expect(after.value("keyway_token_reads_total", byId) - before.value("keyway_token_reads_total", byId) == Double(reads))
            #expect(after.value("keyway_token_reads_total", ["lookup": "tags", "outcome": "success"]) == 1)
            #expect(after.value("keyway_token_reads_total", ["lookup": "id", "outcome": "failure"]) == 1)
            let route = "/v1/services/{service}/identities/{identity}/token"
            #expect(after.value("keyway_http_requests_total", ["route": route, "status": "200"]) == Double(reads))
            #expect(after.value("keyway_http_requests_total", ["route": route, "status": "404"]) == 1)
            #expect(after.types["keyway_http_request_duration_seconds"] == "histogram")
            #expect(after.value("keyway_http_request_duration_seconds_count", ["route": route]) == Double(reads + 1))
        }
    }

    @Test("refreshes, lock waits and proxy upstream statuses are counted")
    func refreshesAndProxy() async throws {
        try await Harness.run { h in
            let identity = try await h.connect()
            h.clock.advance(by: 3600)
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(identity)/token").status == 200)
            let proxied = try await h.http.get(
                "\(h.api)/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", identity)])
            #expect(proxied.status == 200, "\(proxied.body)")
            let metrics = try await scrape(h)
            #expect(metrics.value("keyway_refreshes_total", ["outcome": "success"]) == 1)
            #expect(metrics.value("keyway_refresh_lock_wait_seconds_count") == 1)
            #expect(metrics.value("keyway_proxy_upstream_responses_total", ["service": "hubspot", "status": "200"]) == 1)
            #expect(metrics.value("keyway_proxy_upstream_duration_seconds_count", ["service": "hubspot"]) == 1)
            #expect(metrics.value("keyway_http_requests_total", ["route": "/v1/proxy/{service}/**", "status": "200"]) == 1)
        }
    }

    @Test("webhook delivery attempts are counted by outcome: two retries, then delivered")
    func webhookAttempts() async throws {
        try await Harness.run { h in
            let receiver = WebhookReceiver(answer: { $0 <= 2 ? 503 : 200 })
            try await receiver.run { url in
                _ = try await h.addWebhook(url: url)
                try await h.withWebhookWorker {
                    _ = try await h.connect()
                    try await receiver.wait { $0.count >= 3 }
                }
            }
            let metrics = try await scrape(h)
            #expect(metrics.value("keyway_webhook_deliveries_total", ["outcome": "retry"]) == 2)
            #expect(metrics.value("keyway_webhook_deliveries_total", ["outcome": "delivered"]) == 1)
            #expect(metrics.value("keyway_webhook_delivery_duration_seconds_count") == 3)
        }
    }

    @Test("the outbox depth gauge counts pending deliveries while the endpoint is down, and is 0 once delivered")
    func outboxDepth() async throws {
        try await Harness.run { h in
            let up = Locked(false)
            let receiver = WebhookReceiver(answer: { _ in up.value ? 200 : 503 })
            try await receiver.run { url in
                _ = try await h.addWebhook(url: url)
                try await h.withWebhookWorker {
                    _ = try await h.connect()
                    _ = try await h.connect(tags: ["tenantId": "fabrikam"])
                    // Each event refused at least once, then a pass counts both waiting.
                    try await receiver.wait { Set($0.map { $0.headers["webhook-id"] ?? "" }).count == 2 }
                    #expect(try await outboxDepth(h, becomes: 2) == 2, "two events wait while the receiver answers 503")
                    up.withLock { $0 = true }
                    #expect(try await outboxDepth(h, becomes: 0) == 0)
                    let metrics = try await scrape(h)
                    #expect(metrics.types["keyway_webhook_outbox_pending"] == "gauge")
                    #expect(metrics.value("keyway_webhook_deliveries_total", ["outcome": "delivered"]) == 2)
                }
            }
        }
    }

    /// The outbox depth gauge once it shows `value`, or after 15 s.
    func outboxDepth(_ h: Harness, becomes value: Double) async throws -> Double {
        let end = Date().addingTimeInterval(15)
        var depth = try await scrape(h).value("keyway_webhook_outbox_pending")
        while depth != value, Date() < end {
            try await Task.sleep(for: .milliseconds(20))
            depth = try await scrape(h).value("keyway_webhook_outbox_pending")
        }
        return depth
    }

    @Test("no label value carries an identity id, a tag value, a query or a raw path")
    func boundedLabels() async throws {
        try await Harness.run { h in
            let tags = ["tenantId": "tenant-secret-label", "userId": "user-secret-label"]
            let identity = try await h.connect(tags: tags)
            _ = try await h.http.get("\(h.api)/services/hubspot/identities/\(identity)/token")
            _ = try await h.http.get("\(h.api)/services/hubspot/token?tag=tenantId:tenant-secret-label")
            _ = try await h.http.get("\(h.api)/services/hubspot/identities/\(identity)")
            _ = try await h.http.delete("\(h.api)/services/hubspot/identities/idn_unknown-label")
            _ = try await h.http.get(
                "\(h.api)/proxy/hubspot/crm/v3/objects/contacts/reader%40example.com?idProperty=email",
                headers: [("Keyway-Identity", identity)])
            _ = try await h.http.get("\(h.base)/no/such/route/raw-path-label?q=query-label")
            let metrics = try await scrape(h)
            let values = metrics.samples.flatMap { $0.labels.values }
            #expect(!values.isEmpty)
            for forbidden in [identity, "tenant-secret-label", "user-secret-label", "unknown-label", "reader", "raw-path-label", "query-label"] {
                #expect(!values.contains { $0.contains(forbidden) }, "a label carries \(forbidden)")
            }
            #expect(metrics.value("keyway_http_requests_total", ["route": "NotFound", "status": "404"]) >= 1)
        }
    }
}
