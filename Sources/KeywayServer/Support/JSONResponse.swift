import Foundation
import Hummingbird
import KeywayAPI
import KeywayCore

/// Builds JSON responses with a stable layout: sorted keys, unescaped slashes, and the generated wire types
/// written as the contract shows them (``WireValue``: RFC 3339 times, `null` where the contract requires it).
package enum JSONResponse {
    /// One encoder for every response (JSONEncoder is Sendable; its settings never change after this).
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The bytes ``make(_:_:)`` sends for a value, through the encoder.
    package static func encoded(_ value: some Encodable) throws -> Data {
        try encoder.encode(WireValue(value))
    }

    static func make(_ status: HTTPResponse.Status = .ok, _ value: some Encodable) throws -> Response {
        try response(status, data: try encoded(value))
    }

    private static func response(_ status: HTTPResponse.Status, data: Data) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A value that writes its own JSON text (the same bytes the encoder would write, cheaper).
    static func make(_ status: HTTPResponse.Status = .ok, _ value: some JSONTextRepresentable) throws -> Response {
        guard let text = value.jsonText else { return try response(status, data: try encoded(value)) }
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The contract's error body: `{"error": code, "message": text}`.
    static func error(_ error: KeywayError) -> Response {
        let body = Components.Schemas._Error(error: error.code, message: error.message)
        return (try? make(error.kind.status, body)) ?? Response(status: .internalServerError)
    }
}

extension KeywayError.Kind {
    /// The HTTP status of this kind of failure.
    var status: HTTPResponse.Status {
        switch self {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .badGateway: .badGateway
        case .internal: .internalServerError
        }
    }
}
