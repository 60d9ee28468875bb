import Foundation

/// Joins a service's API base URL and the path a caller asked for, refusing anything that could make the
/// request leave that base: absolute URLs, `..` segments (plain or percent-encoded), `@`, backslashes, a
/// leading `//`, and control characters. A percent-encoded `@` (`%40`, as in an email address) is data and
/// is forwarded still encoded.
///
/// Every check reads Unicode scalars, never Swift's Characters: a combining mark after `/`, `#`, `?`, `@` or
/// `\` makes one Character of the two, which a Character comparison does not see as the reserved character,
/// while a URL parser and the upstream server see it plainly.
package enum ProxyPath {
    /// The upstream URL: `base` + `/` + `path` + `?` + `query`.
    ///
    /// - Parameters:
    ///   - base: the resolved API base URL, such as `https://api.hubapi.com`.
    ///   - path: the caller's path, still percent-encoded, with or without its leading slash.
    ///   - query: the caller's raw query string, passed through unchanged (repeated keys keep their order).
    public static func upstreamURL(base: String, path: String, query: String?) throws(KeywayError) -> String {
        try check(path)
        if let query { try check(query: query) }
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        let trimmed = dropLeadingSlash(path)
        var url = trimmed.isEmpty ? base : base + "/" + trimmed
        if let query, !query.isEmpty { url += "?" + query }
        guard let baseParts = URLComponents(string: base), let urlParts = URLComponents(string: url),
            urlParts.scheme == baseParts.scheme, urlParts.host == baseParts.host, urlParts.port == baseParts.port,
            urlParts.user == nil, urlParts.password == nil, urlParts.percentEncodedPath.hasPrefix(baseParts.percentEncodedPath)
        else {
            throw refusal("The path does not stay under the service's API base URL.")
        }
        return url
    }

    /// Refuses a path that could escape the base URL.
    public static func check(_ path: String) throws(KeywayError) {
        guard path.utf8.count <= 8192 else { throw refusal("The path is too long.") }
        let relative = dropLeadingSlash(path)
        if relative.unicodeScalars.first == "/" { throw refusal("The path may not start with '//'.") }
        // Decode repeatedly so that double encodings (%252e) are judged by what they finally mean.
        var decoded = relative
        for _ in 0..<3 {
            guard let next = decoded.removingPercentEncoding else { throw refusal("The path has invalid percent-encoding.") }
            if next == decoded { break }
            decoded = next
        }
        // A literal '@' is how 'user@host' tricks start; an encoded one (%40, as in an email) stays data.
        if relative.unicodeScalars.contains("@") {
            throw refusal("The path may not contain '@'; percent-encode it as %40.")
        }
        for form in [relative, decoded] {
            let scalars = form.unicodeScalars
            if scalars.contains("\\") { throw refusal("The path may not contain backslashes.") }
            if scalars.first == "/" { throw refusal("The path may not start with '//' (plain or encoded).") }
            if form.range(of: "://", options: .literal) != nil || hasScheme(form) {
                throw refusal("The path must be relative to the service's API base URL, not an absolute URL.")
            }
            if scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw refusal("The path may not contain control characters.")
            }
            let segments = scalars.split(separator: "/", omittingEmptySubsequences: false).map { String($0) }
            if segments.contains(where: { $0 == ".." || $0 == "." }) {
                throw refusal("The path may not contain '.' or '..' segments.")
            }
        }
        if relative.unicodeScalars.contains(where: { $0 == "?" || $0 == "#" }) {
            throw refusal("The path may not contain '?' or '#'.")
        }
    }

    /// Refuses a query that could change the request's target (a fragment) or carries control characters.
    public static func check(query: String) throws(KeywayError) {
        guard query.utf8.count <= 16384 else { throw refusal("The query is too long.") }
        if query.unicodeScalars.contains(where: { $0 == "#" || $0.value < 0x20 || $0.value == 0x7F }) {
            throw refusal("The query may not contain '#' or control characters.")
        }
    }

    /// Whether the text starts like `scheme:` (RFC 3986 §3.1) before any slash.
    private static func hasScheme(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let colon = scalars.firstIndex(of: ":") else { return false }
        let candidate = scalars[..<colon]
        guard let first = candidate.first, first.properties.isAlphabetic, !candidate.contains("/") else { return false }
        return candidate.allSatisfy {
            $0.properties.isAlphabetic || $0.properties.numericType != nil || "+-.".unicodeScalars.contains($0)
        }
    }

    /// The path without its leading `/`, also when a combining mark follows that `/`.
    private static func dropLeadingSlash(_ path: String) -> String {
        path.unicodeScalars.first == "/" ? String(path.unicodeScalars.dropFirst()) : path
    }

    private static func refusal(_ message: String) -> KeywayError {
        .invalid("invalid_proxy_path", message)
    }
}
