import Foundation

/// The contract's token answer: `{"identityId","identity","accessToken","expiresAt","native"}`.
struct TokenBody: Decodable {
    var identityId: String
    var identity: Identity?
    var accessToken: String
    var expiresAt: Date?
    var native: [String: JSONValue]?

    /// The connected identity this answer describes.
    func identity(serviceId: String) -> ConnectedIdentity {
        ConnectedIdentity(
            id: identityId, serviceId: serviceId, accessToken: accessToken, expiresAt: expiresAt, native: native ?? [:],
            tags: identity?.tags ?? [:])
    }
}
