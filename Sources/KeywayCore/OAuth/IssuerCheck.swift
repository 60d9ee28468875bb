/// The RFC 9207 check of the `iss` an authorization response carries.
///
/// `expected` is the issuer the service or its catalog entry records; recording one states that the provider
/// sends `iss` (RFC 9207 §2.4), so a response without it is refused too. With nothing recorded, Keyway cannot
/// tell a right `iss` from a wrong one and ignores it, as §2.4 allows a client that does not know the issuer.
public enum IssuerCheck: Sendable, Hashable {
    /// The response may be used.
    case accepted
    /// The response names another issuer: it comes from another authorization server (a mix-up).
    case mismatch
    /// The provider is known to send `iss`, and this response has none.
    case missing

    /// Checks `presented` (the callback's `iss`, nil when absent) against `expected`. Issuers are compared as
    /// exact strings (RFC 9207 §2.4 forbids normalisation), but a trailing slash is not a different issuer
    /// here: catalog entries cannot know which form a provider uses.
    public static func evaluate(presented: String?, expected: String?) -> IssuerCheck {
        guard let expected, !expected.isEmpty else { return .accepted }
        guard let presented else { return .missing }
        return trimmed(presented) == trimmed(expected) ? .accepted : .mismatch
    }

    private static func trimmed(_ issuer: String) -> String {
        issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
    }
}
