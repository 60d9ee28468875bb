import Foundation

/// A registered receiver of webhook events.
public struct WebhookEndpoint: Sendable, Hashable {
    public var id: String
    /// Where events are POSTed.
    public var url: String
    /// The events it receives.
    public var events: [WebhookEventType]
    public var description: String?
    /// The signing secret, `whsec_<base64>` (Standard Webhooks); stored sealed, shown once.
    public var secret: String
    /// False once the receiver answered 410 Gone: nothing more is sent to it.
    public var enabled: Bool
    /// Why it was disabled.
    public var disabledReason: String?
    public var createdAt: Date
    /// True when the stored secret no longer opens with the row as it stands (`integrity_failed`: the row was
    /// altered, or sealed under a lost key); `secret` is then empty and nothing is sent to the endpoint.
    public var secretIntegrityFailed = false

    public init(
        id: String, url: String, events: [WebhookEventType], description: String?, secret: String,
        enabled: Bool = true, disabledReason: String? = nil, createdAt: Date
    ) {
        self.id = id
        self.url = url
        self.events = events
        self.description = description
        self.secret = secret
        self.enabled = enabled
        self.disabledReason = disabledReason
        self.createdAt = createdAt
    }

    /// Whether this endpoint receives events of this type.
    public func wants(_ type: WebhookEventType) -> Bool {
        enabled && events.contains(type)
    }
}

/// Where a delivery of one event to one endpoint stands.
public enum WebhookDeliveryState: String, Sendable, Codable, Hashable {
    /// Waiting for its next attempt.
    case pending
    /// The receiver answered 2xx.
    case delivered
    /// Given up: retries ran past their horizon (24 h by default).
    case failed
    /// Its endpoint was disabled (410 Gone) before it was delivered.
    case cancelled
}

/// One event's delivery to one endpoint, with its attempts.
public struct WebhookDelivery: Sendable, Hashable {
    public var id: String
    public var endpointId: String
    public var eventId: String
    public var eventType: WebhookEventType
    public var state: WebhookDeliveryState
    public var attempts: [WebhookAttempt]
    public var nextAttemptAt: Date?
    public var createdAt: Date

    public init(
        id: String, endpointId: String, eventId: String, eventType: WebhookEventType, state: WebhookDeliveryState,
        attempts: [WebhookAttempt], nextAttemptAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.endpointId = endpointId
        self.eventId = eventId
        self.eventType = eventType
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
    }
}

/// One attempt at a delivery: when, the receiver's status code (nil when none came) and the error, if any.
public struct WebhookAttempt: Sendable, Hashable {
    public var at: Date
    public var statusCode: Int?
    public var error: String?
    public var durationMilliseconds: Int64

    public init(at: Date, statusCode: Int?, error: String?, durationMilliseconds: Int64) {
        self.at = at
        self.statusCode = statusCode
        self.error = error
        self.durationMilliseconds = durationMilliseconds
    }
}

/// A delivery claimed by a worker for one attempt: what to send and where, and the claim that lets only this
/// worker record its outcome.
public struct ClaimedWebhookDelivery: Sendable {
    public var deliveryId: String
    public var claim: String
    public var endpoint: WebhookEndpoint
    public var eventId: String
    public var payload: Data
    /// When the first attempt was made (nil: this is the first), for the retry horizon.
    public var firstAttemptAt: Date?
    /// How many attempts were made before this one.
    public var attemptsMade: Int

    public init(
        deliveryId: String, claim: String, endpoint: WebhookEndpoint, eventId: String, payload: Data,
        firstAttemptAt: Date?, attemptsMade: Int
    ) {
        self.deliveryId = deliveryId
        self.claim = claim
        self.endpoint = endpoint
        self.eventId = eventId
        self.payload = payload
        self.firstAttemptAt = firstAttemptAt
        self.attemptsMade = attemptsMade
    }
}
