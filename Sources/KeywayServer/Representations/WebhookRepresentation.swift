import KeywayCore

/// A webhook endpoint as the API shows it; the secret only in the answer that created it.
struct WebhookRepresentation: Encodable {
    let id: String
    let url: String
    let events: [String]
    let description: String?
    let enabled: Bool
    let disabledReason: String?
    let createdAt: String
    let secret: String?
    /// `true` when the stored secret no longer opens (nothing is sent to it); absent otherwise.
    let secretIntegrityFailed: Bool?

    init(_ endpoint: WebhookEndpoint, showingSecret: Bool = false) {
        id = endpoint.id
        url = endpoint.url
        events = endpoint.events.map(\.rawValue)
        description = endpoint.description
        enabled = endpoint.enabled
        disabledReason = endpoint.disabledReason
        createdAt = endpoint.createdAt.rfc3339
        secret = showingSecret ? endpoint.secret : nil
        secretIntegrityFailed = endpoint.secretIntegrityFailed ? true : nil
    }
}

/// One delivery with its attempts.
struct WebhookDeliveryRepresentation: Encodable {
    struct Attempt: Encodable {
        let at: String
        let statusCode: Int?
        let error: String?
        let durationMs: Int64
    }

    let id: String
    let webhookId: String
    let eventId: String
    let eventType: String
    let state: String
    let nextAttemptAt: String?
    let createdAt: String
    let attempts: [Attempt]

    init(_ delivery: WebhookDelivery) {
        id = delivery.id
        webhookId = delivery.endpointId
        eventId = delivery.eventId
        eventType = delivery.eventType.rawValue
        state = delivery.state.rawValue
        nextAttemptAt = delivery.nextAttemptAt?.rfc3339
        createdAt = delivery.createdAt.rfc3339
        attempts = delivery.attempts.map {
            Attempt(at: $0.at.rfc3339, statusCode: $0.statusCode, error: $0.error, durationMs: $0.durationMilliseconds)
        }
    }
}
