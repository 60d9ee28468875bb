import KeywayAPI
import KeywayCore

/// A token answer (``Components/Schemas/Token``) on the hot path: written directly from the issued token
/// (``JSONText``), the same bytes as the generated type through ``JSONResponse``'s encoder, which tests check
/// field for field.
package struct TokenRepresentation: JSONTextRepresentable {
    let token: IssuedToken

    package init(_ token: IssuedToken) {
        self.token = token
    }

    /// The answer as the generated wire type.
    package var wire: Components.Schemas.Token {
        get throws { try Components.Schemas.Token(token) }
    }

    package func encode(to encoder: any Encoder) throws {
        try WireValue(try wire).encode(to: encoder)
    }
}

extension TokenRepresentation {
    /// What ``encode(to:)`` writes through ``JSONResponse``'s encoder, written directly (keys in its order).
    package var jsonText: String? {
        var json = JSONText()
        json.open()
        json.key("accessToken", first: true)
        json.string(token.accessToken)
        json.key("authMode")
        json.string(token.authMode.rawValue)
        switch token.placement {
        case .header(let name, let value):
            json.key("credential")
            json.stringObject(["in": "header", "name": name, "value": value])
        case .query(let name, let value):
            json.key("credential")
            json.stringObject(["in": "query", "name": name, "value": value])
        case nil: break
        }
        json.key("expiresAt")
        json.optionalString(token.expiresAt?.rfc3339)
        json.key("identity")
        Self.write(token.identity, to: &json)
        json.key("identityId")
        json.string(token.identity.id)
        json.key("native")
        guard json.object(token.native) else { return nil }
        json.close()
        return json.text
    }

    /// ``Components/Schemas/Identity`` as the encoder writes it (`expiresAt` null, `statusReason` absent, when
    /// they have no value).
    private static func write(_ identity: Identity, to json: inout JSONText) {
        json.open()
        json.key("createdAt", first: true)
        json.string(identity.createdAt.rfc3339)
        json.key("expiresAt")
        json.optionalString(identity.expiresAt?.rfc3339)
        json.key("id")
        json.string(identity.id)
        json.key("metadata")
        json.stringObject(identity.metadata)
        json.key("serviceId")
        json.string(identity.serviceId)
        json.key("status")
        json.string(identity.status.rawValue)
        if let statusReason = identity.statusReason {
            json.key("statusReason")
            json.string(statusReason)
        }
        json.key("tags")
        json.stringObject(identity.tags)
        json.key("updatedAt")
        json.string(identity.updatedAt.rfc3339)
        json.close()
    }
}
