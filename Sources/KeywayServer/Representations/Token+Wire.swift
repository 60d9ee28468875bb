import KeywayAPI
import KeywayCore
import OpenAPIRuntime

extension Components.Schemas.Token: WireNulls {
    /// A fresh token: the access token, its expiry and the provider's fields (never the refresh token), with the
    /// identity it belongs to (tags, status), so that a caller asking by tags learns which one it got.
    package init(_ token: IssuedToken) throws {
        let credential: Components.Schemas.CredentialPlacement? =
            switch token.placement {
            case .header(let name, let value): .init(_in: .header, name: name, value: value)
            case .query(let name, let value): .init(_in: .query, name: name, value: value)
            case nil: nil
            }
        self.init(
            identityId: token.identity.id, identity: try .init(token.identity), accessToken: token.accessToken,
            expiresAt: token.expiresAt, native: .init(additionalProperties: try token.native.mapValues { try $0.wire }),
            authMode: try wireCase(token.authMode.rawValue), credential: credential)
    }

    /// `expiresAt` is `null` for a token that does not expire.
    static var nullKeys: WireNullKeys { .keys(["expiresAt"]) }
}

extension JSONValue {
    /// The same value as the generated types hold free-form JSON; a whole number is written as an integer, as
    /// ``JSONValue``'s own encoding does.
    var wire: OpenAPIValueContainer {
        get throws { try OpenAPIValueContainer(unvalidatedValue: sendable) }
    }

    private var sendable: (any Sendable)? {
        switch self {
        case .null: nil
        case .bool(let value): value
        case .number(let value): value.rounded() == value && abs(value) < 9.0e15 ? Int(value) : value
        case .string(let value): value
        case .array(let items): items.map(\.sendable)
        case .object(let members): members.mapValues(\.sendable)
        }
    }
}
