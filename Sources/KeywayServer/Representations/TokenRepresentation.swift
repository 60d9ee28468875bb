import KeywayCore

/// A fresh token: the access token, its expiry and the provider's fields (never the refresh token), with the
/// identity it belongs to (tags, status), so that a caller asking by tags learns which one it got.
struct TokenRepresentation: Encodable {
    let identityId: String
    let identity: IdentityRepresentation
    let accessToken: String
    let expiresAt: String?
    let native: [String: JSONValue]
    let authMode: String
    let credential: [String: String]?

    init(_ token: IssuedToken) {
        authMode = token.authMode.rawValue
        switch token.placement {
        case .header(let name, let value): credential = ["in": "header", "name": name, "value": value]
        case .query(let name, let value): credential = ["in": "query", "name": name, "value": value]
        case nil: credential = nil
        }
        identityId = token.identity.id
        identity = IdentityRepresentation(token.identity)
        accessToken = token.accessToken
        expiresAt = token.expiresAt?.rfc3339
        native = token.native
    }

    enum CodingKeys: String, CodingKey { case identityId, identity, accessToken, expiresAt, native, authMode, credential }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(identityId, forKey: .identityId)
        try container.encode(identity, forKey: .identity)
        try container.encode(accessToken, forKey: .accessToken)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(native, forKey: .native)
        try container.encode(authMode, forKey: .authMode)
        try container.encodeIfPresent(credential, forKey: .credential)
    }
}

/// A list: `{"items": […]}`.
struct ItemsRepresentation<Item: Encodable>: Encodable {
    let items: [Item]
}
