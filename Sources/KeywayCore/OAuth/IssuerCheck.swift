/// The RFC 9207 check of the `iss` an authorization response carries.
///
/// `expected` is the issuer the service or its catalog entry records; recording one states that the provider
/// sends `iss` (RFC 9207 §2.4), so a response without it is refused too. With nothing recorded, Keyway cannot
/// tell a right `iss` from a wrong one and ignores it, as §2.4 allows a client that does not know the issuer.
package enum IssuerCheck: Sendable, Hashable {
    /// The response may be used.
    case accepted
    /// The response names another issuer: it comes from another authorization server (a mix-up).
    case mismatch
    /// The provider is known to send `iss`, and this response has none.
    case missing

    /// Checks `presented` (the callback's `iss`, nil when absent) against `expected`, by simple string
    /// comparison without any normalisation (RFC 9207 §2.4, RFC 3986 §6.2.1): record the issuer exactly as the
    /// provider sends it.
    public static func evaluate(presented: String?, expected: String?) -> IssuerCheck {
        guard let expected, !expected.isEmpty else { return .accepted }
        guard let presented else { return .missing }
        return presented == expected ? .accepted : .mismatch
    }
}
