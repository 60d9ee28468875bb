import Foundation
import HTTPTypes
import Hummingbird
import KeywayAPI
import KeywayCore
import NIOCore
import NIOFoundationCompat

/// `POST /v1/services/{service}/proxy`: the proxy for callers that cannot set headers. The call is
/// described in JSON and the answer comes back in JSON.
struct EnvelopeProxyController {
    let keyway: Keyway
    /// Answers larger than this cannot be wrapped in JSON; use the streaming proxy for them.
    static let responseLimit = 10 << 20

    struct Envelope: Decodable {
        var identityId: String?
        var tags: Tags?
        var method: String?
        var path: String
        var query: JSONValue?
        var headers: [String: String]?
        var body: JSONValue?
    }

    func addRoutes(to routes: APIRoutes) {
        routes.requiring(.tokensRead).post("services/:service/proxy", use: proxy)
    }

    @Sendable func proxy(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        var request = request
        let envelope = try await request.decodeJSON(Envelope.self, context: context)
        let selector: IdentitySelector
        if let id = envelope.identityId, !id.isEmpty {
            selector = .id(id)
        } else if let tags = envelope.tags, !tags.isEmpty {
            try TagSyntax.validate(tags)
            selector = .tags(tags)
        } else {
            throw KeywayError.invalid("missing_identity", "Name the identity with 'identityId' or 'tags'.")
        }
        let method = (envelope.method ?? "GET").uppercased()
        guard ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].contains(method),
            let httpMethod = HTTPRequest.Method(method)
        else {
            throw KeywayError.invalid("invalid_field", "'method' must be GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.")
        }
        var headers = (envelope.headers ?? [:]).map { ($0.key, $0.value) }
        let body = try Self.encodeBody(envelope.body, headers: &headers)
        let proxied = try await keyway.proxy(
            ProxyRequest(
                serviceId: try context.parameters.path("service"), identity: selector,
                method: httpMethod, path: envelope.path, query: try Self.encodeQuery(envelope.query),
                headers: try Self.fields(headers), body: body.map { .bytes($0) }, bodyIsReplayable: true,
                limits: context.keyLimits))
        context.auditTrail?.note(proxied, method: method, path: envelope.path)
        let buffer: ByteBuffer
        do {
            buffer = try await proxied.body.collect(upTo: Self.responseLimit)
        } catch is NIOTooManyBytesError {
            throw KeywayError(
                .badGateway, "response_too_large",
                "The API's answer is larger than \(Self.responseLimit) bytes; use /v1/proxy/… to stream it.")
        }
        var answerHeaders: [String: String] = [:]
        for field in proxied.headers {
            let (key, value) = (field.name.canonicalName, field.value)
            answerHeaders[key] = answerHeaders[key].map { "\($0), \(value)" } ?? value
        }
        return try JSONResponse.make(
            .ok, Components.Schemas.ProxyAnswer(
                status: proxied.status.code, headers: .init(additionalProperties: answerHeaders),
                body: try Self.decodeBody(buffer, headers: answerHeaders).wire))
    }

    /// A string body is sent as text; any other JSON value is sent as JSON.
    static func encodeBody(_ body: JSONValue?, headers: inout [(String, String)]) throws -> ByteBuffer? {
        guard let body, body != .null else { return nil }
        let hasContentType = headers.contains { $0.0.lowercased() == "content-type" }
        if case .string(let text) = body {
            if !hasContentType { headers.append(("Content-Type", "text/plain; charset=utf-8")) }
            return ByteBuffer(string: text)
        }
        if !hasContentType { headers.append(("Content-Type", "application/json")) }
        return ByteBuffer(data: try JSONEncoder().encode(body))
    }

    /// The caller's headers as HTTP fields; a name that is not a valid header name is refused.
    static func fields(_ headers: [(String, String)]) throws(KeywayError) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in headers {
            guard let name = HTTPField.Name(name) else {
                throw KeywayError.invalid("invalid_field", "'headers' has a name that is not a valid header name.")
            }
            fields.append(HTTPField(name: name, value: value))
        }
        return fields
    }

    /// `query` is a raw string, or an object whose values are strings or arrays of strings (kept in order).
    static func encodeQuery(_ query: JSONValue?) throws(KeywayError) -> String? {
        switch query {
        case nil, .null?: return nil
        case .string(let raw)?: return raw.hasPrefix("?") ? String(raw.dropFirst()) : raw
        case .object(let object)?:
            var pairs: [(String, String)] = []
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                switch value {
                case .array(let values):
                    for value in values {
                        guard let text = value.stringValue else { throw invalidQuery }
                        pairs.append((key, text))
                    }
                default:
                    guard let text = value.stringValue else { throw invalidQuery }
                    pairs.append((key, text))
                }
            }
            return FormEncoding.encode(pairs)
        default: throw invalidQuery
        }
    }

    private static let invalidQuery = KeywayError.invalid(
        "invalid_field", "'query' is a string, or an object of strings or arrays of strings.")

    /// A JSON answer comes back as JSON; any other answer as a string.
    static func decodeBody(_ buffer: ByteBuffer, headers: [String: String]) -> JSONValue {
        let data = Data(buffer: buffer)
        if data.isEmpty { return .null }
        if headers["content-type"]?.contains("json") == true, let json = try? JSONDecoder().decode(JSONValue.self, from: data) {
            return json
        }
        return .string(String(decoding: data, as: UTF8.self))
    }
}
