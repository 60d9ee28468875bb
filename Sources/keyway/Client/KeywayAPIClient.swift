import AsyncHTTPClient
import Foundation
import NIOCore

/// A small client for Keyway's management API. It hands back the server's JSON bytes untouched, turns
/// the contract's error bodies into ``ServerError`` and connection failures into ``UnreachableError``.
struct KeywayAPIClient: Sendable {
    /// Where Keyway listens and the key to present.
    let settings: RemoteSettings
    private let http: HTTPClient

    /// The longest a request may take; token requests may wait for the provider's token endpoint.
    static let requestTimeout: TimeAmount = .seconds(90)
    /// The largest body the CLI reads.
    static let maximumBodySize = 32 << 20

    private init(settings: RemoteSettings, http: HTTPClient) {
        self.settings = settings
        self.http = http
    }

    /// Runs `body` with a client over its own connection pool, shut down afterwards.
    static func using<Result: Sendable>(
        _ settings: RemoteSettings, _ body: (KeywayAPIClient) async throws -> Result
    ) async throws -> Result {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60)))
        // A CLI should say at once that nothing listens, not retry until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let result: Result
        do {
            result = try await body(KeywayAPIClient(settings: settings, http: http))
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
        return result
    }

    /// Sends one request with the API key and returns the 2xx answer.
    ///
    /// - Parameters:
    ///   - method: the HTTP method.
    ///   - path: the route under `/v1`.
    ///   - json: a JSON body, if any.
    /// - Throws: ``ServerError`` for any other status, ``UnreachableError`` when Keyway cannot be reached.
    @discardableResult
    func send(_ method: APIMethod, _ path: APIPath, json: Data? = nil) async throws -> APIResponse {
        var request = HTTPClientRequest(url: settings.url + path.description)
        request.method = .init(rawValue: method.rawValue)
        request.headers.add(name: "Authorization", value: "Bearer \(settings.apiKey)")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "keyway-cli")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        let status: Int
        let body: Data
        do {
            let response = try await http.execute(request, timeout: Self.requestTimeout)
            status = Int(response.status.code)
            body = Data(try await response.body.collect(upTo: Self.maximumBodySize).readableBytesView)
        } catch let error as HTTPClientError where error == .invalidURL || error == .emptyHost {
            throw UsageError("'\(settings.url.prefix(200))' is not a usable URL.")
        } catch {
            throw UnreachableError(url: settings.url, underlying: error)
        }
        guard (200..<300).contains(status) else { throw ServerError(status: status, body: body) }
        return APIResponse(status: status, body: body)
    }
}
