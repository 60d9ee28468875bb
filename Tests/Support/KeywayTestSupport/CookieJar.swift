import Foundation
import NIOHTTP1

/// The cookies one test browser keeps: set by `Set-Cookie` answers, sent back to the same host on paths under
/// the cookie's `Path` (RFC 6265 §5.1.4), dropped at `Max-Age=0`. Enough to act as two different browsers.
public final class CookieJar: Sendable {
    struct Entry: Sendable, Hashable {
        var host: String
        var path: String
        var name: String
        var value: String
    }

    private let entries = Locked<[Entry]>([])

    /// An empty jar.
    public init() {}

    /// How many cookies it holds.
    public var count: Int { entries.value.count }

    /// The `Cookie` header value for a request to `url`, or nil when no cookie applies.
    public func header(for url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else { return nil }
        let path = components.path.isEmpty ? "/" : components.path
        let matching = entries.value.filter { $0.host == host && Self.pathMatches(path, cookiePath: $0.path) }
            .sorted { $0.path.count > $1.path.count }
        return matching.isEmpty ? nil : matching.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    /// Stores the `Set-Cookie` headers of an answer to `url`.
    public func store(_ headers: HTTPHeaders, from url: String) {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else { return }
        for line in headers[canonicalForm: "set-cookie"] {
            let parts = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let pair = parts.first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals])
            let value = String(pair[pair.index(after: equals)...])
            var path = "/"
            var expired = false
            for attribute in parts.dropFirst() {
                let lower = attribute.lowercased()
                if lower.hasPrefix("path=") { path = String(attribute.dropFirst(5)) }
                if lower.hasPrefix("max-age="), let age = Int(attribute.dropFirst(8)), age <= 0 { expired = true }
            }
            entries.withLock { entries in
                entries.removeAll { $0.host == host && $0.path == path && $0.name == name }
                if !expired { entries.append(Entry(host: host, path: path, name: name, value: value)) }
            }
        }
    }

    static func pathMatches(_ requestPath: String, cookiePath: String) -> Bool {
        if requestPath == cookiePath { return true }
        guard requestPath.hasPrefix(cookiePath) else { return false }
        return cookiePath.hasSuffix("/") || requestPath.dropFirst(cookiePath.count).hasPrefix("/")
    }
}
