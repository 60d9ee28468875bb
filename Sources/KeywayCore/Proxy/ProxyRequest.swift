import AsyncHTTPClient
import NIOHTTP1

/// A call to a provider's API made through Keyway.
public struct ProxyRequest: Sendable {
    /// The service whose API base URL and identity are used.
    public var serviceId: String
    /// Which identity's token to attach.
    public var identity: IdentitySelector
    /// The HTTP method.
    public var method: HTTPMethod
    /// The path under the API base URL, still percent-encoded.
    public var path: String
    /// The raw query string, passed through unchanged.
    public var query: String?
    /// The caller's headers; hop-by-hop headers, `Host`, `Authorization` and Keyway's own are dropped.
    public var headers: [(String, String)]
    /// The body, if any.
    public var body: HTTPClientRequest.Body?
    /// Whether the body can be sent more than once (a buffered body can; a stream cannot). Only replayable
    /// requests are retried.
    public var bodyIsReplayable: Bool
    /// The calling key's limits: a service or identity outside them is answered as absent.
    public var limits: KeyLimits

    /// Creates a request.
    public init(
        serviceId: String, identity: IdentitySelector, method: HTTPMethod, path: String, query: String? = nil,
        headers: [(String, String)] = [], body: HTTPClientRequest.Body? = nil, bodyIsReplayable: Bool = true,
        limits: KeyLimits = .unrestricted
    ) {
        self.limits = limits
        self.serviceId = serviceId
        self.identity = identity
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.bodyIsReplayable = bodyIsReplayable
    }
}

/// The provider's answer to a proxied call, its body still streaming.
public struct ProxyResponse: Sendable {
    /// The status.
    public var status: Int
    /// The headers, hop-by-hop ones removed.
    public var headers: [(String, String)]
    /// The declared length of the body, if known.
    public var contentLength: Int?
    /// The body, streamed from the provider as the caller reads it; it ends in error if still streaming at
    /// the proxy's deadline.
    public var body: ProviderResponseBody
    /// The identity whose token was used.
    public var identityId: String
}
