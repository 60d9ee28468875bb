import Foundation
import KeywayAPI

extension KeywayClient {
    /// A webhook endpoint as Keyway lists it; `secret` only in the answer of ``createWebhook(url:events:description:)``.
    public struct Webhook: Sendable, Hashable {
        public var id: String
        public var url: String
        public var events: [String]
        public var description: String?
        public var enabled: Bool
        public var disabledReason: String?
        public var createdAt: Date
        public var secret: String?

        /// The endpoint the contract's answer describes.
        init(_ wire: Components.Schemas.Webhook) {
            id = wire.id
            url = wire.url
            events = wire.events.map(\.rawValue)
            description = wire.description
            enabled = wire.enabled
            disabledReason = wire.disabledReason
            createdAt = wire.createdAt
            secret = wire.secret
        }
    }

    /// One delivery of an event to an endpoint, with its attempts.
    public struct WebhookDelivery: Sendable, Hashable {
        public struct Attempt: Sendable, Hashable {
            public var at: Date
            public var statusCode: Int?
            public var error: String?
            public var durationMs: Int64
        }

        public var id: String
        public var webhookId: String
        public var eventId: String
        public var eventType: String
        /// `pending`, `delivered`, `failed` or `cancelled`.
        public var state: String
        public var nextAttemptAt: Date?
        public var createdAt: Date
        public var attempts: [Attempt]

        /// The delivery the contract's answer describes.
        init(_ wire: Components.Schemas.WebhookDelivery) {
            id = wire.id
            webhookId = wire.webhookId
            eventId = wire.eventId
            eventType = wire.eventType.rawValue
            state = wire.state.rawValue
            nextAttemptAt = wire.nextAttemptAt
            createdAt = wire.createdAt
            attempts = wire.attempts.map {
                Attempt(at: $0.at, statusCode: $0.statusCode, error: $0.error, durationMs: $0.durationMs)
            }
        }
    }

    /// Registers a webhook endpoint. Keep the returned `secret` (shown once) to verify deliveries with
    /// ``KeywayWebhook/verify(body:headers:secret:tolerance:now:)``.
    ///
    /// - Parameter events: nil for every event but the opt-in `identity.refreshed`.
    /// - Throws: ``KeywayClientError``; `invalid_events` (kind `invalidArgument`, nothing sent) for an event the
    ///   contract does not name.
    public func createWebhook(url: String, events: [String]? = nil, description: String? = nil) async throws -> Webhook {
        let body = Components.Schemas.NewWebhook(
            url: url, events: try events.map { try Self.contractValues($0, code: "invalid_events", of: "event") },
            description: description)
        return try await run { api in Webhook(try await api.createWebhook(body: .json(body)).created.body.json) }
    }

    /// Every webhook endpoint (without secrets).
    public func webhooks() async throws -> [Webhook] {
        try await run { api in try await api.listWebhooks().ok.body.json.items.map(Webhook.init) }
    }

    /// Deletes a webhook endpoint and its deliveries.
    public func deleteWebhook(_ id: String) async throws {
        _ = try await run { api in try await api.deleteWebhook(path: .init(webhook: id)).noContent }
    }

    /// The latest deliveries of an endpoint, newest first.
    public func webhookDeliveries(_ id: String, limit: Int = 50) async throws -> [WebhookDelivery] {
        try await run { api in
            try await api.listWebhookDeliveries(path: .init(webhook: id), query: .init(limit: limit))
                .ok.body.json.items.map(WebhookDelivery.init)
        }
    }

    /// Enables an endpoint again after a 410 disabled it; new events are sent to it from then on.
    @discardableResult
    public func enableWebhook(_ id: String) async throws -> Webhook {
        try await run { api in Webhook(try await api.enableWebhook(path: .init(webhook: id)).ok.body.json) }
    }

    /// Sends a delivery again.
    public func redeliverWebhook(delivery id: String) async throws {
        _ = try await run { api in try await api.redeliverWebhook(path: .init(delivery: id)).accepted }
    }
}
