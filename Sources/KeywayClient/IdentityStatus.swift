/// Where an identity stands: `active`, `refresh_failed` or `revoked`, or a status this client does not know yet.
public struct IdentityStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The contract's name for it.
    public var rawValue: String

    /// Wraps a contract name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Its token can be handed out.
    public static let active = IdentityStatus(rawValue: "active")
    /// The provider refused a refresh; the end user must connect again.
    public static let refreshFailed = IdentityStatus(rawValue: "refresh_failed")
    /// The grant was revoked.
    public static let revoked = IdentityStatus(rawValue: "revoked")
    /// Its stored record was changed outside Keyway; it hands out nothing until the end user connects again.
    public static let integrityFailed = IdentityStatus(rawValue: "integrity_failed")

    /// The contract's name.
    public var description: String { rawValue }

}
