import Foundation

/// Joins a service's API base URL and the path a caller asked for, refusing anything that could make the
/// request leave that base: absolute URLs, `..` segments (plain or percent-encoded), `@`, backslashes, a
/// leading `//`, and control characters. A percent-encoded `@` (`%40`, as in an email address) is data and
/// is forwarded still encoded.
public enum ProxyPath {
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
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
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
        let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
        if relative.hasPrefix("/") { throw refusal("The path may not start with '//'.") }
        // Decode repeatedly so that double encodings (%252e) are judged by what they finally mean.
        var decoded = relative
        for _ in 0..<3 {
            guard let next = decoded.removingPercentEncoding else { throw refusal("The path has invalid percent-encoding.") }
            if next == decoded { break }
            decoded = next
        }
        // A literal '@' is how 'user@host' tricks start; an encoded one (%40, as in an email) stays data.
        if relative.contains("@") { throw refusal("The path may not contain '@'; percent-encode it as %40.") }
        for form in [relative, decoded] {
            if form.contains("\\") { throw refusal("The path may not contain backslashes.") }
            if form.hasPrefix("/") { throw refusal("The path may not start with '//' (plain or encoded).") }
            if form.contains("://") || hasScheme(form) {
                throw refusal("The path must be relative to the service's API base URL, not an absolute URL.")
            }
            if form.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw refusal("The path may not contain control characters.")
            }
            if form.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." }) {
                throw refusal("The path may not contain '.' or '..' segments.")
            }
        }
        if relative.contains("?") || relative.contains("#") { throw refusal("The path may not contain '?' or '#'.") }
    }

    /// Refuses a query that could change the request's target (a fragment) or carries control characters.
    public static func check(query: String) throws(KeywayError) {
        guard query.utf8.count <= 16384 else { throw refusal("The query is too long.") }
        if query.contains("#") || query.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw refusal("The query may not contain '#' or control characters.")
        }
    }

    /// Whether the text starts like `scheme:` (RFC 3986 §3.1) before any slash.
    private static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let candidate = text[..<colon]
        guard let first = candidate.first, first.isLetter, !candidate.contains("/") else { return false }
        return candidate.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    private static func refusal(_ message: String) -> KeywayError {
        .invalid("invalid_proxy_path", message)
    }
}
