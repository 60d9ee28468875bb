import Foundation

/// The query of a provider's redirect to Keyway's callback, decoded with limits into the values the
/// callback uses (`state`, `code`, `iss`, `error`, and the provider's extra fields such as Zoho's
/// `accounts-server` or QuickBooks' `realmId`).
///
/// The browser delivers this query, so it is hostile input:
/// - the raw query may be at most ``maximumLength`` bytes, with at most ``maximumParameterCount`` parameters;
/// - a parameter given twice is refused, whatever its name (RFC 6749 §3.1: "Request and response parameters
///   MUST NOT be included more than once"). First-wins or last-wins would let a crafted link show one `state`
///   or `code` to whatever inspects the URL and another to Keyway;
/// - names and values are percent-decoded (names too, so `st%61te` is `state`); malformed percent-encoding
///   or a control character in a name or value is refused. A `+` is kept as a plus, as the HTTP layer
///   always kept it: codes are opaque, and a provider that sends a raw `+` in one means a plus.
///
/// A refusal is ``KeywayError`` `invalid_callback` (400). It is decided before any session is looked up, so a
/// malformed link neither spends the user's session nor reaches a provider.
public struct CallbackQuery: Sendable, Hashable {
    /// The longest raw query accepted, in bytes.
    public static let maximumLength = 16384
    /// The most parameters accepted.
    public static let maximumParameterCount = 64

    /// The decoded parameters, each name once.
    public let values: [String: String]

    /// Decodes a raw query string, as it arrived (still percent-encoded, without the `?`); nil or empty means
    /// no parameters.
    public init(raw: String?) throws(KeywayError) {
        guard let raw, !raw.isEmpty else {
            values = [:]
            return
        }
        guard raw.utf8.count <= Self.maximumLength else {
            throw Self.refusal("The callback's query is longer than \(Self.maximumLength) bytes.")
        }
        var values: [String: String] = [:]
        var count = 0
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            count += 1
            guard count <= Self.maximumParameterCount else {
                throw Self.refusal("The callback's query has more than \(Self.maximumParameterCount) parameters.")
            }
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            guard !name.isEmpty else { throw Self.refusal("The callback's query has a parameter without a name.") }
            guard values.updateValue(value, forKey: name) == nil else {
                throw Self.refusal("The callback's query gives '\(Self.printable(name))' more than once.")
            }
        }
        self.values = values
    }

    private static func decode(_ part: Substring) throws(KeywayError) -> String {
        guard let decoded = String(part).removingPercentEncoding else {
            throw refusal("The callback's query has malformed percent-encoding.")
        }
        guard !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            throw refusal("The callback's query has a control character.")
        }
        return decoded
    }

    /// A name fit for an error message: short, and only printable ASCII.
    private static func printable(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.prefix(40).filter { (0x21..<0x7F).contains($0.value) }))
    }

    private static func refusal(_ message: String) -> KeywayError {
        .invalid("invalid_callback", message)
    }
}
