import KeywayCore

/// A fresh token: the access token, its expiry and the provider's fields (never the refresh token).
struct TokenRepresentation: Encodable {
    let identityId: String
    let accessToken: String
    let expiresAt: String?
    let native: [String: JSONValue]

    init(_ token: IssuedToken) {
        identityId = token.identity.id
        accessToken = token.accessToken
        expiresAt = token.expiresAt?.rfc3339
        native = token.native
    }

    enum CodingKeys: String, CodingKey { case identityId, accessToken, expiresAt, native }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(identityId, forKey: .identityId)
        try container.encode(accessToken, forKey: .accessToken)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(native, forKey: .native)
    }
}

/// A list: `{"items": […]}`.
struct ItemsRepresentation<Item: Encodable>: Encodable {
    let items: [Item]
}
