import KeywayCore

/// An API key as lists show it: its id, name, creation time, scopes, limits, expiry and last use, never the key
/// or its hash. `services` is absent for every service, `tags` for every identity; `expiresAt` for never,
/// `lastUsedAt` until first use.
struct APIKeyRepresentation: Encodable {
    let id: String
    let name: String
    let createdAt: String
    let scopes: [String]
    let services: [String]?
    let tags: Tags?
    let expiresAt: String?
    let lastUsedAt: String?

    init(_ key: APIKey) {
        id = key.id
        name = key.name
        createdAt = key.createdAt.rfc3339
        scopes = key.scopes.sorted.map(\.rawValue)
        services = key.limits.services?.sorted()
        tags = key.limits.tags.isEmpty ? nil : key.limits.tags
        expiresAt = key.expiresAt?.rfc3339
        lastUsedAt = key.lastUsedAt?.rfc3339
    }
}

/// A key just created: the listed fields plus the full key, which is shown this once and never again.
struct CreatedAPIKeyRepresentation: Encodable {
    let id: String
    let name: String
    let createdAt: String
    let scopes: [String]
    let services: [String]?
    let tags: Tags?
    let expiresAt: String?
    let key: String

    init(_ created: NewAPIKey) {
        let listed = APIKeyRepresentation(created.record)
        id = listed.id
        name = listed.name
        createdAt = listed.createdAt
        scopes = listed.scopes
        services = listed.services
        tags = listed.tags
        expiresAt = listed.expiresAt
        key = created.key
    }
}
