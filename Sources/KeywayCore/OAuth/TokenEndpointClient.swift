import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// Sends token requests to providers over HTTP.
public struct TokenEndpointClient: Sendable {
    private let httpClient: HTTPClient
    private let timeout: TimeAmount
    private let maximumResponseSize = 1 << 20

    /// Creates a client on an HTTP client the caller owns.
    public init(httpClient: HTTPClient, timeout: TimeAmount = .seconds(30)) {
        self.httpClient = httpClient
        self.timeout = timeout
    }

    /// Sends a request and parses the answer.
    public func send(
        _ request: TokenRequest, format: TokenResponseFormat, previous: Credentials?, now: @Sendable () -> Date
    ) async throws(OAuthProviderError) -> Credentials {
        var httpRequest = HTTPClientRequest(url: request.url)
        httpRequest.method = .POST
        httpRequest.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        httpRequest.headers.add(name: "Accept", value: "application/json")
        for (name, value) in request.headers { httpRequest.headers.add(name: name, value: value) }
        httpRequest.body = .bytes(ByteBuffer(string: request.body))
        let status: Int
        let body: Data
        do {
            let response = try await httpClient.execute(httpRequest, timeout: timeout)
            status = Int(response.status.code)
            body = Data(buffer: try await response.body.collect(upTo: maximumResponseSize))
        } catch {
            throw OAuthProviderError(
                error: "provider_unreachable", description: "The token endpoint could not be reached.")
        }
        guard (200..<300).contains(status) else {
            throw TokenResponseParser.parseError(body, status: status)
        }
        return try TokenResponseParser.parse(body, format: format, previous: previous, now: now())
    }
}
