import Foundation

/// Percent-encoding for the query strings the SDK writes and reads itself (the finished URL of a refused
/// connect, ``ConnectionResult``); the generated client encodes Keyway's own paths and queries. Everything but RFC 3986's unreserved characters
/// is escaped, so `:`, `/`, `&`, `+`, `=` and spaces inside a value can never change its meaning.
package enum PercentEncoding {
    private static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// One escaped path segment or query component.
    package static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// `name=value&…` with every name and value escaped, in the given order.
    package static func query(_ items: [(String, String)]) -> String {
        items.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    /// Appends query items to a URL, after any query it already has and before any fragment.
    package static func appending(_ items: [(String, String)], to url: String) -> String {
        guard !items.isEmpty else { return url }
        var base = url
        var fragment = ""
        if let hash = base.firstIndex(of: "#") {
            fragment = String(base[hash...])
            base = String(base[..<hash])
        }
        let separator = base.contains("?") ? (base.hasSuffix("?") || base.hasSuffix("&") ? "" : "&") : "?"
        return base + separator + query(items) + fragment
    }

    /// Decodes a query string the way browsers and forms write it (`+` means a space), in order.
    package static func decodeQuery(_ query: some StringProtocol) -> [(name: String, value: String)] {
        String(query).split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func unescape(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (name: unescape(parts[0]), value: parts.count > 1 ? unescape(parts[1]) : "")
        }
    }

}
