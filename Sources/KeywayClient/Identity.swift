import Foundation
import KeywayAPI

/// An identity as Keyway lists it: its tags, status and times, never its tokens.
public struct Identity: Sendable, Hashable {
    /// Its id, such as `idn_…`.
    public var id: String
    /// The service it belongs to.
    public var serviceId: String
    /// The app's tags, such as `["tenantId": "contoso", "userId": "usr-123"]`.
    public var tags: [String: String]
    /// Where it stands.
    public var status: IdentityStatus
    /// Why it is not active, when it is not.
    public var statusReason: String?
    /// Values Keyway keeps with it: placeholder values and provider metadata such as HubSpot's `hub_id`.
    public var metadata: [String: String]
    /// When it was connected.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date
    /// When its current access token expires, if it does.
    public var expiresAt: Date?

    /// The identity the contract's answer describes.
    init(_ wire: Components.Schemas.Identity) {
        id = wire.id
        serviceId = wire.serviceId
        tags = wire.tags.additionalProperties
        status = IdentityStatus(rawValue: wire.status.rawValue)
        statusReason = wire.statusReason
        metadata = wire.metadata.additionalProperties
        createdAt = wire.createdAt
        updatedAt = wire.updatedAt
        expiresAt = wire.expiresAt
    }
}
