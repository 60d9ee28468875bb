import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

extension Keyway {
    /// The most bytes of a receiver's answer read (the rest is dropped; only the status counts).
    static let webhookAnswerLimit = 64 * 1024

    /// Registers a webhook endpoint; the returned endpoint carries its secret, shown this once.
    ///
    /// - Parameters:
    ///   - url: https (http on loopback), on a public address unless private URLs are allowed.
    ///   - events: the event names it receives; nil or omitted: every event but the opt-in `identity.refreshed`.
    /// - Throws: `invalid_url`, `invalid_events`, `invalid_description`.
    public func createWebhook(url: String, events: [String]?, description: String?) async throws -> WebhookEndpoint {
        guard url.utf8.count <= 2048 else { throw KeywayError.invalid("invalid_url", "'url' is at most 2048 bytes.") }
        try checkOutbound(url, field: "url")
        let types: [WebhookEventType]
        if let events {
            var seen: [WebhookEventType] = []
            for name in events {
                guard let type = WebhookEventType(rawValue: name) else {
                    let known = WebhookEventType.allCases.map(\.rawValue).joined(separator: ", ")
                    throw KeywayError.invalid(
                        "invalid_events", "Unknown event '\(ProviderText.sanitized(name))'; known events: \(known).")
                }
                if !seen.contains(type) { seen.append(type) }
            }
            guard !seen.isEmpty else { throw KeywayError.invalid("invalid_events", "'events' names no event.") }
            types = seen
        } else {
            types = WebhookEventType.defaults
        }
        if let description, description.count > 500 {
            throw KeywayError.invalid("invalid_description", "'description' is at most 500 characters.")
        }
        let endpoint = WebhookEndpoint(
            id: SecureRandom.identifier(prefix: "whk"), url: url, events: types, description: description,
            secret: WebhookSignature.newSecret(), createdAt: now())
        try await store.insertWebhookEndpoint(endpoint)
        logger.info("webhook endpoint created", metadata: ["webhook": "\(endpoint.id)"])
        return endpoint
    }

    /// Every webhook endpoint (callers must not show their secrets).
    public func webhooks() async throws -> [WebhookEndpoint] {
        try await store.webhookEndpoints()
    }

    /// Deletes a webhook endpoint and its deliveries.
    ///
    /// - Throws: `webhook_not_found`.
    public func deleteWebhook(id: String) async throws {
        guard try await store.deleteWebhookEndpoint(id: id) else { throw Self.webhookNotFound(id) }
        logger.info("webhook endpoint deleted", metadata: ["webhook": "\(id)"])
    }

    /// The latest deliveries of an endpoint, newest first.
    ///
    /// - Throws: `webhook_not_found`, `invalid_limit`.
    public func webhookDeliveries(webhookId: String, limit: Int = 50) async throws -> [WebhookDelivery] {
        guard try await store.webhookEndpoints().contains(where: { $0.id == webhookId }) else {
            throw Self.webhookNotFound(webhookId)
        }
        return try await store.webhookDeliveries(endpointId: webhookId, limit: limit)
    }

    /// Enables an endpoint again, typically one a 410 disabled: new events are sent to it from now on.
    ///
    /// - Throws: `webhook_not_found`.
    public func enableWebhook(id: String) async throws -> WebhookEndpoint {
        guard let endpoint = try await store.enableWebhookEndpoint(id: id) else { throw Self.webhookNotFound(id) }
        logger.info("webhook endpoint enabled", metadata: ["webhook": "\(id)"])
        return endpoint
    }

    /// Sends a delivery again (as soon as the worker's next pass), whatever its state.
    ///
    /// - Throws: `delivery_not_found`, `webhook_disabled`.
    public func redeliverWebhook(deliveryId: String) async throws {
        guard try await store.redeliverWebhook(deliveryId: deliveryId, now: now()) else {
            throw KeywayError(.notFound, "delivery_not_found", "No webhook delivery '\(ProviderText.sanitized(deliveryId))'.")
        }
    }

    static func webhookNotFound(_ id: String) -> KeywayError {
        KeywayError(.notFound, "webhook_not_found", "No webhook endpoint '\(ProviderText.sanitized(id))'.")
    }

    /// One pass of the delivery worker: claims up to `limit` due deliveries and attempts each once, at the
    /// same time, each under ``KeywayConfiguration/webhookTimeout``; records every attempt. Returns how many
    /// were attempted. After the pass, the observer is told how many deliveries are still pending.
    public func deliverDueWebhooks(limit: Int = 32) async throws -> Int {
        let start = now()
        // The lease outlives the attempt's deadline, so that no other worker claims a delivery still in flight.
        let (seconds, attoseconds) = (webhookTimeout + webhookLeaseMargin).components
        let lease = start.addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
        let claimed = try await store.claimWebhookDeliveries(now: start, leaseUntil: lease, limit: limit)
        await withTaskGroup(of: Void.self) { group in
            for delivery in claimed {
                group.addTask { await self.attempt(delivery) }
            }
        }
        // The outbox depth gauge; a failed count only leaves the gauge where it was.
        if let pending = try? await store.pendingWebhookDeliveryCount() { observer.webhookOutboxDepth(pending) }
        return claimed.count
    }

    private func attempt(_ delivery: ClaimedWebhookDelivery) async {
        let started = now()
        let (status, error) = await send(delivery, at: started)
        let finished = now()
        let decision = WebhookAttemptDecision.decide(
            statusCode: status, schedule: webhookRetry, failedAttemptsSoFar: delivery.attemptsMade,
            firstAttempt: delivery.firstAttemptAt ?? started, now: finished, jitter: Double.random(in: 0...1))
        let attempt = WebhookAttempt(
            at: started, statusCode: status, error: error,
            durationMilliseconds: finished.millisecondsSince1970 - started.millisecondsSince1970)
        let state: WebhookDeliveryState
        var next: Date?
        var disable: String?
        switch decision {
        case .delivered: state = .delivered
        case .retry(let at): (state, next) = (.pending, at)
        case .giveUp: state = .failed
        case .disableEndpoint: (state, disable) = (.cancelled, "The receiver answered 410 Gone.")
        }
        let outcome =
            switch decision {
            case .delivered: "delivered"
            case .retry: "retry"
            case .giveUp: "gave_up"
            case .disableEndpoint: "disabled"
            }
        observer.webhookAttemptFinished(
            outcome: outcome, duration: .milliseconds(attempt.durationMilliseconds))
        let metadata: Logger.Metadata = [
            "webhook": "\(delivery.endpoint.id)", "delivery": "\(delivery.deliveryId)", "status": "\(status.map(String.init) ?? "none")",
            "state": "\(state.rawValue)",
        ]
        do {
            _ = try await store.recordWebhookAttempt(
                delivery, attempt: attempt, state: state, nextAttemptAt: next, disableEndpoint: disable)
            logger.info("webhook attempt", metadata: metadata)
            if disable != nil { logger.warning("webhook endpoint disabled: it answered 410", metadata: metadata) }
        } catch {
            logger.error("recording a webhook attempt failed", metadata: metadata)
        }
    }

    /// Sends one signed delivery; returns the receiver's status, or nil and why there was none.
    private func send(_ delivery: ClaimedWebhookDelivery, at date: Date) async -> (Int?, String?) {
        guard !delivery.endpoint.secretIntegrityFailed else {
            return (nil, "The endpoint's secret does not open (integrity_failed): delete the endpoint and add it again.")
        }
        do {
            try checkOutbound(delivery.endpoint.url, field: "url")
        } catch {
            return (nil, error.message)
        }
        let timestamp = Int64(date.timeIntervalSince1970)
        var request = HTTPClientRequest(url: delivery.endpoint.url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "user-agent", value: "Keyway-Webhooks")
        request.headers.add(name: "webhook-id", value: delivery.eventId)
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        do {
            request.headers.add(
                name: "webhook-signature",
                value: try WebhookSignature.sign(
                    id: delivery.eventId, timestamp: timestamp, body: delivery.payload, secret: delivery.endpoint.secret))
        } catch {
            return (nil, error.message)
        }
        request.body = .bytes(ByteBuffer(data: delivery.payload))
        let deadline = ProviderDeadline(after: webhookTimeout)
        do {
            let status = try await deadline.run { [httpClient, request] in
                let response = try await httpClient.execute(request, deadline: deadline.nioDeadline)
                var read = 0
                // Only the status counts: the body is read up to a cap and dropped.
                for try await chunk in response.body {
                    read += chunk.readableBytes
                    if read > Self.webhookAnswerLimit { break }
                }
                return Int(response.status.code)
            }
            return (status, nil)
        } catch {
            switch ProviderExchange.classify(error) {
            case .timedOut: return (nil, "The receiver did not answer within the deadline.")
            default: return (nil, "The receiver could not be reached.")
            }
        }
    }
}
