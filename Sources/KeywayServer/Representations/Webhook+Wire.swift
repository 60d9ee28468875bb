import KeywayAPI
import KeywayCore

extension Components.Schemas.Webhook {
    /// A webhook endpoint as the API shows it; the secret only in the answer that created it.
    init(_ endpoint: WebhookEndpoint, showingSecret: Bool = false) throws(KeywayError) {
        var events: [Components.Schemas.WebhookEventType] = []
        for event in endpoint.events { events.append(try wireCase(event.rawValue)) }
        self.init(
            id: endpoint.id, url: endpoint.url, events: events, description: endpoint.description,
            enabled: endpoint.enabled, disabledReason: endpoint.disabledReason, createdAt: endpoint.createdAt,
            secret: showingSecret ? endpoint.secret : nil,
            secretIntegrityFailed: endpoint.secretIntegrityFailed ? true : nil)
    }
}

extension Components.Schemas.WebhookDelivery {
    /// One delivery with its attempts.
    init(_ delivery: WebhookDelivery) throws(KeywayError) {
        self.init(
            id: delivery.id, webhookId: delivery.endpointId, eventId: delivery.eventId,
            eventType: try wireCase(delivery.eventType.rawValue), state: try wireCase(delivery.state.rawValue),
            nextAttemptAt: delivery.nextAttemptAt, createdAt: delivery.createdAt,
            attempts: delivery.attempts.map {
                .init(at: $0.at, statusCode: $0.statusCode, error: $0.error, durationMs: $0.durationMilliseconds)
            })
    }
}
