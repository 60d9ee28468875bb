import Foundation
import KeywayAPI

/// A started connection: send the end user's browser to ``url`` before ``expiresAt``.
public struct ConnectSession: Sendable, Hashable {
    /// The session id, such as `ses_…`.
    public var id: String
    /// Keyway's connect URL for this session; it leads the browser to the provider's consent page.
    public var url: String
    /// When the session stops being usable.
    public var expiresAt: Date

    /// The session the contract's answer describes.
    init(_ wire: Components.Schemas.Session) {
        id = wire.id
        url = wire.url
        expiresAt = wire.expiresAt
    }
}
