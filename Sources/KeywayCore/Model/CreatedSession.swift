import Foundation

/// A session just created: where to send the browser and until when.
public struct CreatedSession: Sendable, Hashable {
    /// The session id.
    public var id: String
    /// Keyway's connect URL for this session; send the browser there.
    public var url: String
    /// When it stops being usable.
    public var expiresAt: Date

    /// Creates a value.
    public init(id: String, url: String, expiresAt: Date) {
        self.id = id
        self.url = url
        self.expiresAt = expiresAt
    }
}
