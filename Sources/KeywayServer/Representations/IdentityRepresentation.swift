import KeywayCore

/// An identity as the contract shows it: tags, status and times, never tokens.
struct IdentityRepresentation: Encodable {
    let id: String
    let serviceId: String
    let tags: Tags
    let status: String
    let statusReason: String?
    let metadata: [String: String]
    let createdAt: String
    let updatedAt: String
    let expiresAt: String?

    init(_ identity: Identity) {
        id = identity.id
        serviceId = identity.serviceId
        tags = identity.tags
        status = identity.status.rawValue
        statusReason = identity.statusReason
        metadata = identity.metadata
        createdAt = identity.createdAt.rfc3339
        updatedAt = identity.updatedAt.rfc3339
        expiresAt = identity.expiresAt?.rfc3339
    }

    enum CodingKeys: String, CodingKey {
        case id, serviceId, tags, status, statusReason, metadata, createdAt, updatedAt, expiresAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(serviceId, forKey: .serviceId)
        try container.encode(tags, forKey: .tags)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(statusReason, forKey: .statusReason)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(expiresAt, forKey: .expiresAt)
    }
}

extension IdentityRepresentation {
    /// What ``encode(to:)`` writes through ``JSONResponse``'s encoder, written directly (keys in its order).
    func write(to json: inout JSONText) {
        json.open()
        json.key("createdAt", first: true)
        json.string(createdAt)
        json.key("expiresAt")
        json.optionalString(expiresAt)
        json.key("id")
        json.string(id)
        json.key("metadata")
        json.stringObject(metadata)
        json.key("serviceId")
        json.string(serviceId)
        json.key("status")
        json.string(status)
        if let statusReason {
            json.key("statusReason")
            json.string(statusReason)
        }
        json.key("tags")
        json.stringObject(tags)
        json.key("updatedAt")
        json.string(updatedAt)
        json.close()
    }
}

/// A page of identities: `{"items": […], "next": cursor-or-null}`.
struct IdentityPageRepresentation: Encodable {
    let items: [IdentityRepresentation]
    let next: String?

    enum CodingKeys: String, CodingKey { case items, next }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(next, forKey: .next)
    }
}
