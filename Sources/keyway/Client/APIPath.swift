import Foundation

/// A management route under `/v1`: path segments and query items, each percent-encoded on the way out.
struct APIPath: Sendable, CustomStringConvertible {
    /// The segments after `/v1`, unencoded.
    var segments: [String]
    /// The query items, unencoded, in order (names may repeat, as `tag` does).
    var query: [(name: String, value: String)]

    init(_ segments: String..., query: [(name: String, value: String)] = []) {
        self.segments = segments
        self.query = query
    }

    /// `/v1/<segments>?<query>`, with everything but unreserved characters percent-encoded.
    var description: String {
        var path = "/v1/" + segments.map(Self.escape).joined(separator: "/")
        if !query.isEmpty {
            path += "?" + query.map { Self.escape($0.name) + "=" + Self.escape($0.value) }.joined(separator: "&")
        }
        return path
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}

/// The HTTP methods the management API uses.
enum APIMethod: String, Sendable {
    case get = "GET"
    case put = "PUT"
    case post = "POST"
    case delete = "DELETE"
}
