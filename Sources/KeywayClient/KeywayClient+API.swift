import AsyncHTTPClient
import Foundation
import KeywayAPI
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime

extension KeywayClient {
    /// Runs one call of the generated client (``KeywayAPI``) against this Keyway and returns what `body` makes of
    /// its (always 2xx, see ``KeywayMiddleware``) answer. Every failure comes out as a ``KeywayClientError``:
    /// Keyway's own code for an error answer, `transport_failed` when no answer arrived, `invalid_response` when
    /// the answer is not the contract's.
    func run<Value>(_ body: (Client) async throws -> Value) async throws -> Value {
        try await run(capturing: nil, body)
    }

    /// Runs one call of the generated client and returns its 2xx answer's body exactly as Keyway sent it (empty
    /// for a 204), for callers that show Keyway's JSON as it is (the CLI's `--output json`):
    ///
    /// ```swift
    /// let json = try await keyway.answerBody { try await $0.listServices().ok }
    /// ```
    ///
    /// - Throws: ``KeywayClientError``, as the typed methods do.
    package func answerBody<Value>(_ body: (Client) async throws -> Value) async throws -> Data {
        let capture = AnswerCapture()
        _ = try await run(capturing: capture, body)
        return capture.data
    }

    private func run<Value>(capturing capture: AnswerCapture?, _ body: (Client) async throws -> Value) async throws
        -> Value
    {
        let client = try generatedClient(capture: capture)
        do {
            return try await body(client)
        } catch let error as KeywayClientError {
            throw error
        } catch let error as ClientError {
            throw Self.clientError(error, url: url)
        } catch {
            // Reading a body the operation did not expect (`.ok` of another status, an unknown content type).
            throw KeywayClientError(
                kind: .invalidResponse, code: "invalid_response",
                message: "Keyway's answer could not be read: \(Self.describe(error))")
        }
    }

    /// The generated client for this Keyway: over ``httpClient`` with ``timeout``, through ``KeywayMiddleware``.
    private func generatedClient(capture: AnswerCapture?) throws(KeywayClientError) -> Client {
        guard let serverURL = URL(string: url), serverURL.scheme != nil, serverURL.host != nil else {
            throw KeywayClientError(
                kind: .configuration, code: "invalid_configuration",
                message: "The Keyway URL must be an absolute http or https URL, such as http://127.0.0.1:8080.")
        }
        return Client(
            serverURL: serverURL, configuration: Configuration(dateTranscoder: ContractDates()),
            transport: AsyncHTTPClientTransport(configuration: .init(client: httpClient, timeout: timeout)),
            middlewares: [KeywayMiddleware(apiKey: apiKey, capture: capture)])
    }

    /// What a runtime failure of the generated client means for the caller.
    static func clientError(_ error: ClientError, url: String) -> KeywayClientError {
        if let own = error.underlyingError as? KeywayClientError { return own }
        if error.request == nil {
            return KeywayClientError(
                kind: .configuration, code: "invalid_request",
                message: "The request for \(error.operationID) could not be made: \(describe(error.underlyingError))")
        }
        guard error.response != nil else {
            return KeywayClientError(
                kind: .transport, code: "transport_failed",
                message: "Keyway at \(url) could not be reached for \(error.operationID): \(describe(error.underlyingError))")
        }
        return KeywayClientError(
            kind: .invalidResponse, code: "invalid_response",
            message: "Keyway's answer to \(error.operationID) could not be read: \(describe(error.underlyingError))")
    }

    /// A description of an underlying error that is safe to show: it never holds the request's headers.
    static func describe(_ error: any Error) -> String {
        if let failure = connectionFailure(error) { return failure }
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

    /// The contract's tag filters, `tag=key:value` once per tag, sorted by key so that URLs are stable; nil
    /// when there are none (the parameter is then left out).
    static func tagFilters(_ tags: [String: String]) -> [String]? {
        tags.isEmpty ? nil : tags.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
    }
}
