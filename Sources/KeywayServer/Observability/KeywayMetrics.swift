import CoreMetrics
import KeywayCore

import Prometheus

/// Keyway's metrics, through swift-metrics into a Prometheus registry of this instance's own (so that several
/// engines in one process, as in tests, never share counters), rendered by ``render()`` for `GET /metrics`.
///
/// Labels are bounded: route templates (never raw paths), methods, status codes, service ids (which only an
/// operator creates), and fixed outcome words. No identity id, tag or query ever becomes a label.
public final class KeywayMetrics: EngineObserver, Sendable {
    /// The registry the metrics are kept in.
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// False for `serve --metrics off`: nothing is recorded, the router adds no metrics middleware and serves
    /// no `/metrics`.
    public let isEnabled: Bool

    /// Creates an empty set of metrics; `enabled: false` makes every recording a no-op.
    public init(enabled: Bool = true) {
        isEnabled = enabled
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
        ]
        self.factory = factory
    }

    /// The metrics in Prometheus' text exposition format.
    public func render() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// One answered HTTP request, by route template (`/v1/services/{service}/token`; `NotFound` when no route
    /// matched), method and status.
    func httpRequest(route: String, method: String, status: Int, duration: Duration) {
        guard isEnabled else { return }
        let labels = [("route", route), ("method", method)]
        CoreMetrics.Counter(label: "keyway_http_requests_total", dimensions: labels + [("status", String(status))], factory: factory)
            .increment()
        CoreMetrics.Timer(label: "keyway_http_request_duration_seconds", dimensions: labels, factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    /// One token read through the API: `lookup` is `id` or `tags`, `outcome` `success` or `failure`.
    func tokenRead(serviceId: String, lookup: String, outcome: String) {
        guard isEnabled else { return }
        Counter(
            label: "keyway_token_reads_total",
            dimensions: [("service", serviceId), ("lookup", lookup), ("outcome", outcome)], factory: factory
        ).increment()
    }

    /// One proxied call that reached the provider: its status and the time to its answer's head.
    func proxyUpstream(serviceId: String, status: Int, duration: Duration) {
        guard isEnabled else { return }
        Counter(
            label: "keyway_proxy_upstream_responses_total",
            dimensions: [("service", serviceId), ("status", String(status))], factory: factory
        ).increment()
        CoreMetrics.Timer(label: "keyway_proxy_upstream_duration_seconds", dimensions: [("service", serviceId)], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    // MARK: Webhooks (for the delivery worker)

    /// One webhook delivery attempt: `outcome` is `delivered`, `retry`, `gave_up` or `disabled` (a 410).
    public func webhookDelivery(outcome: String, duration: Duration) {
        guard isEnabled else { return }
        CoreMetrics.Counter(label: "keyway_webhook_deliveries_total", dimensions: [("outcome", outcome)], factory: factory)
            .increment()
        CoreMetrics.Timer(label: "keyway_webhook_delivery_duration_seconds", dimensions: [], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    /// The webhook outbox's pending deliveries, as the delivery worker last counted them.
    public func webhookOutboxDepth(_ pending: Int) {
        guard isEnabled else { return }
        CoreMetrics.Gauge(label: "keyway_webhook_outbox_pending", dimensions: [], factory: factory).record(pending)
    }

    // MARK: EngineObserver

    public func refreshFinished(outcome: String, duration: Duration) {
        guard isEnabled else { return }
        // Only two words: an error code may come from a provider's answer, and labels stay bounded.
        let word = outcome == "success" ? "success" : "failure"
        CoreMetrics.Counter(label: "keyway_refreshes_total", dimensions: [("outcome", word)], factory: factory).increment()
        CoreMetrics.Timer(label: "keyway_refresh_duration_seconds", dimensions: [], factory: factory)
            .recordNanoseconds(Self.nanoseconds(duration))
    }

    public func webhookAttemptFinished(outcome: String, duration: Duration) {
        webhookDelivery(outcome: outcome, duration: duration)
    }

    public func refreshLockAcquired(waited: Duration) {
        guard isEnabled else { return }
        CoreMetrics.Timer(label: "keyway_refresh_lock_wait_seconds", dimensions: [], factory: factory)
            .recordNanoseconds(Self.nanoseconds(waited))
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(0, seconds) &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }
}
