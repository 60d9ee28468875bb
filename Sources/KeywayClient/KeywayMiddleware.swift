import Foundation
import HTTPTypes
import KeywayAPI
import OpenAPIRuntime
import Synchronization

/// What the SDK adds around every generated call: the API key and a `User-Agent` on the way out; on the way
/// back, the body read whole up to ``KeywayClient/maximumBodySize``, and any status other than 2xx turned into
/// a ``KeywayClientError`` carrying Keyway's stable `error` code (from the contract's error body), so that the
/// generated operations only ever see successes.
struct KeywayMiddleware: ClientMiddleware {
    /// The API key, sent as `Authorization: Bearer …`.
    let apiKey: String
    /// Where a successful answer's bytes are kept, for ``KeywayClient/answerBody(_:)``; nil for typed calls.
    var capture: AnswerCapture? = nil

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(apiKey)"
        request.headerFields[.userAgent] = "KeywayClient"
        let (response, responseBody) = try await next(request, body, baseURL)
        // A body past the limit, or one cut short, fails here: reported as `transport_failed`, as no whole
        // answer arrived.
        var bytes: [UInt8] = []
        if let responseBody {
            bytes = try await [UInt8](collecting: responseBody, upTo: KeywayClient.maximumBodySize)
        }
        guard (200..<300).contains(response.status.code) else {
            throw Self.error(status: response.status, body: bytes, operationID: operationID)
        }
        capture?.keep(bytes)
        return (response, HTTPBody(bytes))
    }

    /// The error an unsuccessful answer stands for: Keyway's own code when the body is the contract's error
    /// body, else `unexpected_status`.
    static func error(status: HTTPResponse.Status, body: [UInt8], operationID: String) -> KeywayClientError {
        if let decoded = try? JSONDecoder().decode(Components.Schemas._Error.self, from: Data(body)),
            !decoded.error.isEmpty
        {
            return KeywayClientError(
                kind: .server, code: decoded.error, message: decoded.message.isEmpty ? decoded.error : decoded.message,
                status: status.code)
        }
        return KeywayClientError(
            kind: .server, code: "unexpected_status",
            message: "Keyway answered \(operationID) with \(status.code) \(status.reasonPhrase) and no error body.",
            status: status.code)
    }
}

/// The bytes of the last successful answer of one call.
final class AnswerCapture: Sendable {
    private let bytes = Mutex<[UInt8]>([])

    func keep(_ answer: [UInt8]) { bytes.withLock { $0 = answer } }

    var data: Data { bytes.withLock { Data($0) } }
}
