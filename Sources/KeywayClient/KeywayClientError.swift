/// A failed call to Keyway: what kind of failure, the HTTP status when Keyway answered, a stable code and a
/// message.
///
/// When Keyway answered with an error, ``code`` is its stable `error` code (such as `identity_not_found`,
/// `ambiguous_identity` or `unauthorized`) and ``message`` its explanation. Failures on the client's side use
/// codes of their own: `transport_failed`, `invalid_response`, `not_configured` and `invalid_configuration`.
/// Messages never carry the API key or tokens.
public struct KeywayClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable code.
    public var code: String
    /// A human-readable explanation.
    public var message: String
    /// The HTTP status Keyway answered with, or nil when no answer arrived.
    public var status: Int?
    /// What kind of failure this is.
    public var kind: Kind

    /// Creates an error.
    public init(kind: Kind, code: String, message: String, status: Int? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.status = status
    }

    /// `code: message`, with the status when there is one.
    public var description: String {
        if let status { return "\(code) (HTTP \(status)): \(message)" }
        return "\(code): \(message)"
    }
}

extension KeywayClientError {
    /// Keyway has no identity that matches (`identity_not_found`).
    public var isIdentityNotFound: Bool { code == "identity_not_found" }

    /// Several identities match the tags (`ambiguous_identity`).
    public var isAmbiguousIdentity: Bool { code == "ambiguous_identity" }

    /// The identity exists but cannot give a token until the user connects again: the provider refused to
    /// refresh it (`refresh_failed`), it was revoked (`identity_revoked`), or it expired with no refresh
    /// token (`token_expired`).
    public var needsReconnection: Bool { ["refresh_failed", "identity_revoked", "token_expired"].contains(code) }
}
