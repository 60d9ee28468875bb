import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

extension KeywayClient {
    /// Sends one call and decodes its 2xx answer as `Value`.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - path: the path below the base URL, its segments already escaped, such as `/v1/services`.
    ///   - query: query items, escaped here.
    ///   - body: a JSON body, if any.
    func call<Value: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: (any Encodable)? = nil,
        as type: Value.Type
    ) async throws -> Value {
        let answer = try await send(method, path, query: query, body: body)
        do {
            return try ContractJSON.decoder().decode(Value.self, from: Data(buffer: answer))
        } catch {
            throw KeywayClientError(
                kind: .invalidResponse, code: "invalid_response",
                message: "Keyway's answer to \(method) \(path) could not be read as \(Value.self): \(Self.describe(error))")
        }
    }

    /// Sends one call and returns the body of its 2xx answer; any other status throws a ``KeywayClientError``
    /// carrying Keyway's code, and a failure to reach Keyway throws a `transport` one.
    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: (any Encodable)? = nil)
        async throws -> ByteBuffer
    {
        var target = url + path
        if !query.isEmpty { target += "?" + PercentEncoding.query(query) }
        var request = HTTPClientRequest(url: target)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "KeywayClient")
        if let body {
            let data: Data
            do {
                data = try ContractJSON.encoder().encode(body)
            } catch {
                throw KeywayClientError(
                    kind: .configuration, code: "invalid_request", message: "The request body could not be encoded.")
            }
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: data))
        }
        let status: HTTPResponseStatus
        let buffer: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            status = response.status
            buffer = try await response.body.collect(upTo: Self.maximumBodySize)
        } catch let error as KeywayClientError {
            throw error
        } catch {
            throw KeywayClientError(
                kind: .transport, code: "transport_failed",
                message: "Keyway at \(url) could not be reached for \(method) \(path): \(Self.describe(error))")
        }
        guard (200..<300).contains(status.code) else {
            throw Self.error(status: status, body: buffer, method: method, path: path)
        }
        return buffer
    }

    /// The error an unsuccessful answer stands for: Keyway's own code when the body is the contract's error
    /// body, else `unexpected_status`.
    static func error(status: HTTPResponseStatus, body: ByteBuffer, method: HTTPMethod, path: String)
        -> KeywayClientError
    {
        if let decoded = try? JSONDecoder().decode(ErrorBody.self, from: Data(buffer: body)), !decoded.error.isEmpty {
            return KeywayClientError(
                kind: .server, code: decoded.error, message: decoded.message ?? decoded.error, status: Int(status.code))
        }
        return KeywayClientError(
            kind: .server, code: "unexpected_status",
            message: "Keyway answered \(method) \(path) with \(status.code) \(status.reasonPhrase) and no error body.",
            status: Int(status.code))
    }

    /// A description of an underlying error that is safe to show: it never holds the request's headers.
    static func describe(_ error: any Error) -> String {
        if let reason = connectionFailure(error) { return reason }
        switch error {
        case let error as HTTPClientError: return String(describing: error)
        case let error as DecodingError:
            switch error {
            case .keyNotFound(let key, _): return "the field '\(key.stringValue)' is missing"
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                return path.isEmpty ? context.debugDescription : "the field '\(path)' is invalid"
            @unknown default: return "it is not the expected JSON"
            }
        case is CancellationError: return "the task was cancelled"
        default: return String(describing: type(of: error))
        }
    }
}
