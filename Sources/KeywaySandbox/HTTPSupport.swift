import Crypto
import Foundation
import Hummingbird

/// Small helpers to read requests and build responses without depending on the request context type.
enum HTTP {
    static let maxBodySize = 1 << 20

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A JSON response.
    static func json(
        _ value: some Encodable,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var fields = headers
        fields[.contentType] = "application/json;charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON response whose status is given as a number.
    static func json(_ value: some Encodable, code: Int, headers: HTTPFields = [:]) -> Response {
        json(value, status: .sandbox(code), headers: headers)
    }

    /// An HTML page that must not be cached or framed.
    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.cacheControl] = "no-store"
        fields[HeaderName("X-Frame-Options")!] = "DENY"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// A 302 to `location`.
    static func redirect(to location: String) -> Response {
        var fields = HTTPFields()
        fields[.location] = location
        fields[.cacheControl] = "no-store"
        return Response(status: .found, headers: fields)
    }

    /// A response without a body.
    static func empty(_ status: HTTPResponse.Status) -> Response {
        Response(status: status)
    }

    /// The request body as text.
    static func bodyText(of request: Request) async throws -> String {
        let buffer = try await request.body.collect(upTo: maxBodySize)
        return String(buffer: buffer)
    }

    /// Parses `application/x-www-form-urlencoded` text (`+` is a space). The first value of a repeated name wins.
    static func parseForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decodeComponent(parts[0]), !name.isEmpty else { continue }
            let value = parts.count > 1 ? decodeComponent(parts[1]) ?? "" : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    /// A path parameter, percent-decoded (`/contacts/ada%40example.com` gives `ada@example.com`).
    static func pathParameter(_ name: String, _ context: some RequestContext) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// The query string of a request, parsed as a form.
    static func query(of request: Request) -> [String: String] {
        parseForm(request.uri.query ?? "")
    }

    private static func decodeComponent(_ component: Substring) -> String? {
        String(component).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Encodes pairs as a query string, percent-encoding everything but RFC 3986 unreserved characters.
    static func formEncode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )

    static func percentEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `uri` with `pairs` appended to its query (before any fragment).
    static func appendingQuery(to uri: String, _ pairs: [(String, String)]) -> String {
        var base = uri
        var fragment = ""
        if let hash = base.firstIndex(of: "#") {
            fragment = String(base[hash...])
            base = String(base[..<hash])
        }
        let separator = base.contains("?") ? (base.hasSuffix("?") || base.hasSuffix("&") ? "" : "&") : "?"
        return base + separator + formEncode(pairs) + fragment
    }

    /// Client credentials from `Authorization: Basic base64(id:secret)` (each part form-encoded, RFC 6749 §2.3.1).
    static func basicCredentials(of request: Request) -> (id: String, secret: String)? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let decoded = String(data: data, encoding: .utf8),
            let colon = decoded.firstIndex(of: ":")
        else { return nil }
        let id = decodeComponent(decoded[..<colon]) ?? ""
        let secret = decodeComponent(decoded[decoded.index(after: colon)...]) ?? ""
        return (id, secret)
    }

    /// The token of `Authorization: Bearer <token>`.
    static func bearerToken(of request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}

extension HTTPResponse.Status {
    /// A status from its code, with the standard reason phrase where there is one.
    static func sandbox(_ code: Int) -> HTTPResponse.Status {
        switch code {
        case 200: .ok
        case 201: .created
        case 204: .noContent
        case 400: .badRequest
        case 401: .unauthorized
        case 404: .notFound
        case 409: .conflict
        case 429: .tooManyRequests
        case 500: .internalServerError
        case 503: .serviceUnavailable
        default: HTTPResponse.Status(code: code)
        }
    }
}

/// Random tokens, correlation ids and PKCE.
enum Tokens {
    /// A token of 32 cryptographically random bytes, base64url without padding, after `prefix`.
    static func random(prefix: String) -> String {
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Data($0) }
        return prefix + base64URL(bytes)
    }

    static func correlationId() -> String {
        UUID().uuidString.lowercased()
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// RFC 7636 S256: base64url-no-padding(SHA256(verifier)).
    static func s256Challenge(for verifier: String) -> String {
        base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// Whether `verifier` answers `challenge` under `method` (`S256` or `plain`), compared in constant time.
    static func verify(verifier: String, challenge: String, method: String) -> Bool {
        let expected = method == "S256" ? s256Challenge(for: verifier) : verifier
        return constantTimeEqual(expected, challenge)
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// Timestamps as HubSpot writes them: ISO 8601 UTC with milliseconds.
enum Timestamps {
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// A header name (`HTTPField.Name`, reached through the `HTTPFields` Hummingbird exports).
typealias HeaderName = HTTPFields.Element.Name
