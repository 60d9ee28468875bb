import Foundation

/// An identity as Keyway lists it: its tags, status and times, never its tokens.
public struct Identity: Sendable, Hashable, Decodable {
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

    private enum CodingKeys: String, CodingKey {
        case id, serviceId, tags, status, statusReason, metadata, createdAt, updatedAt, expiresAt
    }

    /// Reads the contract's JSON; absent optional fields take their empty values.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        serviceId = try container.decode(String.self, forKey: .serviceId)
        tags = try container.decodeIfPresent([String: String].self, forKey: .tags) ?? [:]
        status = try container.decode(IdentityStatus.self, forKey: .status)
        statusReason = try container.decodeIfPresent(String.self, forKey: .statusReason)
        metadata = try container.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:]
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        updatedAt = try container.decode(Date.self, forKey: .updatedAt)
        expiresAt = try container.decodeIfPresent(Date.self, forKey: .expiresAt)
    }
}
