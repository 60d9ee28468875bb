import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Sends token requests to providers over HTTP.
public struct TokenEndpointClient: Sendable {
    private let exchange: ProviderExchange
    let timeout: Duration
    /// The largest token answer read; a larger one is refused without being read further.
    static let maximumResponseSize = 1 << 20

    /// Creates a client on an HTTP client the caller owns.
    ///
    /// - Parameter timeout: the deadline of each exchange, from sending the request to the answer's last byte.
    public init(httpClient: HTTPClient, timeout: Duration = KeywayConfiguration.defaultTokenTimeout) {
        self.exchange = ProviderExchange(httpClient: httpClient)
        self.timeout = timeout
    }

    /// Sends a request and parses the answer.
    ///
    /// - Throws: the provider's OAuth error, or `provider_unreachable`, `provider_timeout` (no whole answer
    ///   within the deadline) or `provider_answer_too_large` (an answer over 1 MiB).
    public func send(
        _ request: TokenRequest, format: TokenResponseFormat, previous: Credentials?, now: @Sendable () -> Date
    ) async throws(OAuthProviderError) -> Credentials {
        var httpRequest = HTTPClientRequest(url: request.url)
        httpRequest.method = .POST
        httpRequest.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        httpRequest.headers.add(name: "Accept", value: "application/json")
        for (name, value) in request.headers { httpRequest.headers.add(name: name, value: value) }
        httpRequest.body = .bytes(ByteBuffer(string: request.body))
        let answer: ProviderExchange.Answer
        do {
            answer = try await exchange.collect(httpRequest, timeout: timeout, maximumBodySize: Self.maximumResponseSize)
        } catch {
            throw Self.refusal(error)
        }
        let body = Data(buffer: answer.body)
        guard (200..<300).contains(answer.status) else {
            throw TokenResponseParser.parseError(body, status: answer.status)
        }
        return try TokenResponseParser.parse(body, format: format, previous: previous, now: now())
    }

    /// The stable error for an exchange that produced no answer to judge.
    private static func refusal(_ error: ProviderExchangeError) -> OAuthProviderError {
        switch error {
        case .unreachable:
            OAuthProviderError(error: "provider_unreachable", description: "The token endpoint could not be reached.")
        case .timedOut:
            OAuthProviderError(
                error: "provider_timeout", description: "The token endpoint did not answer in full within the deadline.")
        case .tooLarge:
            OAuthProviderError(
                error: "provider_answer_too_large",
                description: "The token endpoint's answer is larger than \(maximumResponseSize) bytes.")
        }
    }
}
