import Foundation

/// A started connection: send the end user's browser to ``url`` before ``expiresAt``.
public struct ConnectSession: Sendable, Hashable, Decodable {
    /// The session id, such as `ses_…`.
    public var id: String
    /// Keyway's connect URL for this session; it leads the browser to the provider's consent page.
    public var url: String
    /// When the session stops being usable.
    public var expiresAt: Date
}
