import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Every exchange Keyway has with a provider goes through here, under one deadline that covers the request,
/// the answer's head and its whole body:
///
/// - ``collect(_:timeout:maximumBodySize:)`` reads a small answer whole: the token endpoint's code exchange
///   and refresh grants (and any later call of the same kind, such as token revocation).
/// - ``stream(_:deadline:)`` hands the answer on with its body still streaming: the proxy.
struct ProviderExchange: Sendable {
    let httpClient: HTTPClient

    /// A whole answer.
    struct Answer: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: ByteBuffer
    }

    /// An answer whose body streams, still under the exchange's deadline.
    struct StreamedAnswer: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: ProviderResponseBody
    }

    /// Sends `request` and reads the answer whole, within `timeout` from now for head and body together. The
    /// body is never buffered beyond `maximumBodySize`.
    func collect(_ request: HTTPClientRequest, timeout: Duration, maximumBodySize: Int)
        async throws(ProviderExchangeError) -> Answer
    {
        let deadline = ProviderDeadline(after: timeout)
        do {
            return try await deadline.run { [httpClient] in
                let response = try await httpClient.execute(request, deadline: deadline.nioDeadline)
                let body = try await response.body.collect(upTo: maximumBodySize)
                return Answer(status: Int(response.status.code), headers: response.headers, body: body)
            }
        } catch {
            throw Self.classify(error)
        }
    }

    /// Sends `request` and returns once the head arrives (by `deadline`), with a body that ends in
    /// `failure(.timedOut)` if it is still streaming at `deadline`; the request is then cancelled.
    func stream(
        _ request: HTTPClientRequest, deadline: ProviderDeadline,
        failure: @escaping @Sendable (ProviderExchangeError) -> any Error
    ) async throws(ProviderExchangeError) -> StreamedAnswer {
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, deadline: deadline.nioDeadline)
        } catch {
            throw Self.classify(error)
        }
        return StreamedAnswer(
            status: Int(response.status.code), headers: response.headers,
            body: ProviderResponseBody(
                response.body, deadline: deadline,
                expectedLength: response.headers.first(name: "content-length").flatMap(Int.init), failure: failure))
    }

    /// What an error from AsyncHTTPClient or from the deadline means.
    static func classify(_ error: any Error) -> ProviderExchangeError {
        switch error {
        case let error as ProviderExchangeError: error
        case is ProviderDeadlineExceeded: .timedOut
        case is NIOTooManyBytesError: .tooLarge
        case let error as HTTPClientError where error == .deadlineExceeded: .timedOut
        default: .unreachable
        }
    }
}
