import AsyncHTTPClient
import NIOCore

/// A client for a running Keyway: the app's side of the HTTP contract.
///
/// Ask it for a connected identity's fresh access token, list and remove identities, manage services and
/// start connections:
///
/// ```swift
/// let keyway = try KeywayClient.fromEnvironment()
/// if let hubspot = try await keyway.identity(for: "hubspot", tags: ["tenantId": "contoso"]) {
///     // call HubSpot with hubspot.accessToken
/// }
/// ```
///
/// It is a value: copy it freely and share it between tasks. Every call is one HTTP request over the
/// `HTTPClient` it was given; the client never follows a browser's path through Keyway itself, it only hands
/// out the URLs a browser should visit.
public struct KeywayClient: Sendable {
    /// Keyway's base URL, such as `http://127.0.0.1:8080`, without a trailing slash.
    public let url: String
    /// The API key sent as `Authorization: Bearer …` on every call.
    let apiKey: String
    /// The HTTP client requests go through.
    public let httpClient: HTTPClient
    /// How long one call may take, from connecting to reading the whole answer.
    public var timeout: TimeAmount

    /// The largest answer body the client reads.
    static let maximumBodySize = 16 << 20

    /// Creates a client.
    ///
    /// - Parameters:
    ///   - url: Keyway's base URL, such as `http://127.0.0.1:8080` (a path prefix is kept, a trailing `/` dropped).
    ///   - apiKey: a Keyway API key, as `keyway init` or `keyway key create` printed it.
    ///   - httpClient: the HTTP client to use; by default ``KeywayClient/defaultHTTPClient``, which never
    ///     follows redirects. A client of your own should not follow them either: a redirect to another host
    ///     would carry the API key there.
    ///   - timeout: how long one call may take.
    public init(
        url: String, apiKey: String, httpClient: HTTPClient = KeywayClient.defaultHTTPClient,
        timeout: TimeAmount = .seconds(30)
    ) {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        self.url = url
        self.apiKey = apiKey
        self.httpClient = httpClient
        self.timeout = timeout
    }
}

extension KeywayClient {
    /// The process-wide client the SDK uses unless given another: like `HTTPClient.shared`, it lives as long
    /// as the process and is never shut down, but it never follows a redirect, so that an answer sending the
    /// SDK elsewhere (a load balancer's http-to-https hop, say) is reported instead of taking the key along.
    public static let defaultHTTPClient = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
}

extension KeywayClient: CustomStringConvertible {
    /// The URL only: the API key is never shown.
    public var description: String { "KeywayClient(\(url))" }
}

extension KeywayClient: CustomReflectable {
    /// The URL and timeout only, so that `dump(client)` and debuggers never show the API key.
    public var customMirror: Mirror {
        Mirror(self, children: ["url": url, "timeout": timeout], displayStyle: .struct)
    }
}
