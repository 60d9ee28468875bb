import Foundation

/// How Keyway reads the lifetime (`expires_in`) a token answer reports: a value the provider controls, so it
/// must never trap a conversion, nor set an expiry no date can hold.
///
/// The rule:
/// - absent, `null` or an empty string: the catalog's default lifetime (none: the token does not expire);
/// - a number, or a string holding one (`"3600"`, `"1e300"`): finite values only;
///   - `0` means the token does not expire (as before; some providers send it for tokens that never expire);
///   - above zero it is clamped to at most ``maximum`` (ten years), so `1e300` lasts ten years, and to at least
///     ``minimum`` (one millisecond, the store's precision), so `1e-300` is a token already all but expired
///     rather than one expiring before the moment it was issued;
/// - anything else is refused with `invalid_token_response`, and the whole answer with it: a negative
///   lifetime, NaN or an infinity (`"nan"`, `"inf"`, `"1e999"`), a string that is not a number (`"abc"`), a
///   boolean, an object or an array. Nothing of a refused answer is stored: a code exchange fails, and a
///   refresh leaves the identity as it was.
public enum TokenLifetime {
    /// The longest lifetime Keyway records: ten years.
    public static let maximum: TimeInterval = 10 * 365 * 86_400
    /// The shortest lifetime Keyway records: one millisecond, the precision of a stored expiry.
    public static let minimum: TimeInterval = 0.001

    /// The lifetime in seconds, or nil when the token does not expire.
    ///
    /// - Parameters:
    ///   - value: what the answer holds at the lifetime's path, if anything.
    ///   - defaultLifetime: the catalog's lifetime for answers that report none.
    public static func seconds(from value: JSONValue?, defaultLifetime: Int?) throws(OAuthProviderError)
        -> TimeInterval?
    {
        let number: Double
        switch value {
        case nil, .null?:
            return defaultLifetime.flatMap { clamp(Double($0)) }
        case .string(let text)? where text.trimmingCharacters(in: .whitespaces).isEmpty:
            return defaultLifetime.flatMap { clamp(Double($0)) }
        case .number(let value)?:
            number = value
        case .string(let text)?:
            guard let parsed = Double(text.trimmingCharacters(in: .whitespaces)) else { throw refusal() }
            number = parsed
        case .bool?, .array?, .object?:
            throw refusal()
        }
        guard number.isFinite, number >= 0 else { throw refusal() }
        return clamp(number)
    }

    /// Zero (no expiry) as nil; anything above zero between ``minimum`` and ``maximum``.
    private static func clamp(_ seconds: Double) -> TimeInterval? {
        seconds > 0 ? min(max(seconds, minimum), maximum) : nil
    }

    private static func refusal() -> OAuthProviderError {
        OAuthProviderError(
            error: "invalid_token_response",
            description: "The token response's lifetime (expires_in) is not a number of seconds of zero or more.")
    }
}
