import KeywayCore

/// A fresh token: the access token, its expiry and the provider's fields (never the refresh token), with the
/// identity it belongs to (tags, status), so that a caller asking by tags learns which one it got.
package struct TokenRepresentation: JSONTextRepresentable {
    let identityId: String
    let identity: IdentityRepresentation
    let accessToken: String
    let expiresAt: String?
    let native: [String: JSONValue]
    let authMode: String
    let credential: [String: String]?

    package init(_ token: IssuedToken) {
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

    package func encode(to encoder: any Encoder) throws {
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

extension TokenRepresentation {
    /// What ``encode(to:)`` writes through ``JSONResponse``'s encoder, written directly (keys in its order).
    package var jsonText: String? {
        var json = JSONText()
        json.open()
        json.key("accessToken", first: true)
        json.string(accessToken)
        json.key("authMode")
        json.string(authMode)
        if let credential {
            json.key("credential")
            json.stringObject(credential)
        }
        json.key("expiresAt")
        json.optionalString(expiresAt)
        json.key("identity")
        identity.write(to: &json)
        json.key("identityId")
        json.string(identityId)
        json.key("native")
        guard json.object(native) else { return nil }
        json.close()
        return json.text
    }
}

/// A list: `{"items": […]}`.
struct ItemsRepresentation<Item: Encodable>: Encodable {
    let items: [Item]
}
