import KeywayCore

/// An API key as lists show it: its id, name and creation time, never the key or its hash.
struct APIKeyRepresentation: Encodable {
    let id: String
    let name: String
    let createdAt: String

    init(_ key: APIKey) {
        id = key.id
        name = key.name
        createdAt = key.createdAt.rfc3339
    }
}

/// A key just created: the listed fields plus the full key, which is shown this once and never again.
struct CreatedAPIKeyRepresentation: Encodable {
    let id: String
    let name: String
    let createdAt: String
    let key: String

    init(_ created: NewAPIKey) {
        id = created.record.id
        name = created.record.name
        createdAt = created.record.createdAt.rfc3339
        key = created.key
    }
}
