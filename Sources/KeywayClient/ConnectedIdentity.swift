import Foundation
import KeywayAPI

/// A connected identity with a fresh access token: what an app needs to call the provider's API.
///
/// Keyway refreshes the token first when it is due, so ``accessToken`` is good until ``expiresAt``.
/// The refresh token never leaves Keyway. Printing the value never shows the token.
public struct ConnectedIdentity: Sendable, Hashable {
    /// The identity's id, such as `idn_…`.
    public var id: String
    /// The service it belongs to.
    public var serviceId: String
    /// The access token to present to the provider's API.
    public var accessToken: String
    /// When the access token expires, if it does.
    public var expiresAt: Date?
    /// The provider's own token response fields (HubSpot's `expires_in`, Salesforce's `instance_url`, …),
    /// without the refresh token.
    public var native: [String: JSONValue]
    /// The app's tags on the identity.
    public var tags: [String: String]

    /// Creates a value.
    public init(
        id: String, serviceId: String, accessToken: String, expiresAt: Date?, native: [String: JSONValue],
        tags: [String: String] = [:]
    ) {
        self.tags = tags
        self.id = id
        self.serviceId = serviceId
        self.accessToken = accessToken
        self.expiresAt = expiresAt
        self.native = native
    }
}

extension ConnectedIdentity {
    /// The identity and token the contract's token answer describes; its free-form `native` fields become
    /// ``JSONValue``s.
    init(_ wire: Components.Schemas.Token) {
        self.init(
            id: wire.identityId, serviceId: wire.identity.serviceId, accessToken: wire.accessToken,
            expiresAt: wire.expiresAt, native: wire.native.additionalProperties.mapValues(JSONValue.init),
            tags: wire.identity.tags.additionalProperties)
    }
}

extension ConnectedIdentity: CustomStringConvertible, CustomReflectable {
    /// The id, service and expiry; never the token.
    public var description: String {
        "ConnectedIdentity(id: \(id), serviceId: \(serviceId), expiresAt: \(expiresAt.map { "\($0)" } ?? "never"))"
    }

    /// What `dump` and debuggers show: the token and the native fields are left out.
    public var customMirror: Mirror {
        Mirror(self, children: ["id": id, "serviceId": serviceId, "expiresAt": expiresAt as Any], displayStyle: .struct)
    }
}
