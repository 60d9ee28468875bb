import Foundation

extension KeywayClient {
    /// A webhook endpoint as Keyway lists it; `secret` only in the answer of ``createWebhook(url:events:description:)``.
    public struct Webhook: Decodable, Sendable, Hashable {
        public var id: String
        public var url: String
        public var events: [String]
        public var description: String?
        public var enabled: Bool
        public var disabledReason: String?
        public var createdAt: Date
        public var secret: String?
    }

    /// One delivery of an event to an endpoint, with its attempts.
    public struct WebhookDelivery: Decodable, Sendable, Hashable {
        public struct Attempt: Decodable, Sendable, Hashable {
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
    }

    struct NewWebhook: Encodable, Sendable {
        var url: String
        var events: [String]?
        var description: String?
    }

    /// Registers a webhook endpoint. Keep the returned `secret` (shown once) to verify deliveries with
    /// ``KeywayWebhook/verify(body:headers:secret:tolerance:now:)``.
    ///
    /// - Parameter events: nil for every event but the opt-in `identity.refreshed`.
    public func createWebhook(url: String, events: [String]? = nil, description: String? = nil) async throws -> Webhook {
        try await call(.POST, "/v1/webhooks", body: NewWebhook(url: url, events: events, description: description), as: Webhook.self)
    }

    /// Every webhook endpoint (without secrets).
    public func webhooks() async throws -> [Webhook] {
        try await call(.GET, "/v1/webhooks", as: Items<Webhook>.self).items
    }

    /// Deletes a webhook endpoint and its deliveries.
    public func deleteWebhook(_ id: String) async throws {
        try await send(.DELETE, "/v1/webhooks/" + PercentEncoding.escape(id))
    }

    /// The latest deliveries of an endpoint, newest first.
    public func webhookDeliveries(_ id: String, limit: Int = 50) async throws -> [WebhookDelivery] {
        try await call(
            .GET, "/v1/webhooks/" + PercentEncoding.escape(id) + "/deliveries", query: [("limit", String(limit))],
            as: Items<WebhookDelivery>.self
        ).items
    }

    /// Enables an endpoint again after a 410 disabled it; new events are sent to it from then on.
    @discardableResult
    public func enableWebhook(_ id: String) async throws -> Webhook {
        try await call(.POST, "/v1/webhooks/" + PercentEncoding.escape(id) + "/enable", as: Webhook.self)
    }

    /// Sends a delivery again.
    public func redeliverWebhook(delivery id: String) async throws {
        try await send(.POST, "/v1/webhooks/deliveries/" + PercentEncoding.escape(id) + "/redeliver")
    }
}
