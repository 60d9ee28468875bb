import Foundation

/// The kinds of event Keyway sends to webhook endpoints.
public enum WebhookEventType: String, Sendable, Codable, Hashable, CaseIterable {
    /// A browser flow connected a new identity (or one was created another way).
    case identityCreated = "identity.created"
    /// A browser flow connected an existing identity (same tags) again.
    case identityReconnected = "identity.reconnected"
    /// A refresh was refused for good: the identity needs its user to connect again.
    case identityRefreshFailed = "identity.refresh_failed"
    /// An identity was deleted.
    case identityDeleted = "identity.deleted"
    /// An identity's tokens were refreshed. Opt-in: sent only to endpoints that list it.
    case identityRefreshed = "identity.refreshed"

    /// The events an endpoint gets when it lists none: every one but the opt-in `identity.refreshed`.
    public static let defaults: [WebhookEventType] = allCases.filter { $0 != .identityRefreshed }
}

/// The `data` of an identity event: what an app needs to act, never a token or metadata.
public struct WebhookEventData: Sendable, Codable, Hashable {
    public var identityId: String
    public var serviceId: String
    public var tags: Tags
    public var status: String
    public var statusReason: String?

    public init(identityId: String, serviceId: String, tags: Tags, status: String, statusReason: String?) {
        self.identityId = identityId
        self.serviceId = serviceId
        self.tags = tags
        self.status = status
        self.statusReason = statusReason
    }
}

/// One event: `{"id", "type", "timestamp", "data"}`, the body every endpoint that wants it receives. Its `id`
/// is also the `webhook-id` header of every delivery and retry, so that receivers can drop duplicates.
public struct WebhookEvent: Sendable, Hashable {
    public var id: String
    public var type: WebhookEventType
    public var timestamp: Date
    public var data: WebhookEventData

    public init(id: String, type: WebhookEventType, timestamp: Date, data: WebhookEventData) {
        self.id = id
        self.type = type
        self.timestamp = timestamp
        self.data = data
    }

    /// An event about an identity as it stands (after the change; before it, for a deletion).
    public static func identity(_ identity: Identity, _ type: WebhookEventType, at date: Date) -> WebhookEvent {
        WebhookEvent(
            id: SecureRandom.identifier(prefix: "evt"), type: type, timestamp: date,
            data: WebhookEventData(
                identityId: identity.id, serviceId: identity.serviceId, tags: identity.tags,
                status: identity.status.rawValue, statusReason: identity.statusReason))
    }

    /// The JSON body sent, with sorted keys.
    public func body() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Body(id: id, type: type.rawValue, timestamp: timestamp.rfc3339, data: data))
    }

    private struct Body: Encodable {
        var id: String
        var type: String
        var timestamp: String
        var data: WebhookEventData
    }
}
