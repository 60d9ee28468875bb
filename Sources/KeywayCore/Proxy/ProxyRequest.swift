import AsyncHTTPClient
import HTTPTypes
import NIOCore

/// A call to a provider's API made through Keyway.
public struct ProxyRequest: Sendable {
    /// The service whose API base URL and identity are used.
    public var serviceId: String
    /// Which identity's token to attach.
    public var identity: IdentitySelector
    /// The HTTP method.
    public var method: HTTPRequest.Method
    /// The path under the API base URL, still percent-encoded.
    public var path: String
    /// The raw query string, passed through unchanged.
    public var query: String?
    /// The caller's headers; hop-by-hop headers, `Host`, `Authorization` and Keyway's own are dropped.
    public var headers: HTTPFields
    /// The body, if any.
    public var body: ProxyBody?
    /// Whether the body can be sent more than once (a buffered body can; a stream cannot). Only replayable
    /// requests are retried.
    public var bodyIsReplayable: Bool
    /// The calling key's limits: a service or identity outside them is answered as absent.
    public var limits: KeyLimits

    /// Creates a request.
    public init(
        serviceId: String, identity: IdentitySelector, method: HTTPRequest.Method, path: String, query: String? = nil,
        headers: HTTPFields = [:], body: ProxyBody? = nil, bodyIsReplayable: Bool = true,
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

/// The body of a proxied call: bytes in hand (which can be sent again), or a stream read as it is sent.
public struct ProxyBody: Sendable {
    /// The body as the HTTP client sends it; a stream is handed over as it is, never buffered here.
    let clientBody: @Sendable () -> HTTPClientRequest.Body

    /// A body already read.
    public static func bytes(_ buffer: ByteBuffer) -> ProxyBody {
        ProxyBody { .bytes(buffer) }
    }

    /// A body streamed from `sequence`, of `length` bytes when known.
    public static func stream<Bytes: AsyncSequence & Sendable>(_ sequence: Bytes, length: Int?) -> ProxyBody
    where Bytes.Element == ByteBuffer {
        ProxyBody { .stream(sequence, length: length.map { .known(Int64($0)) } ?? .unknown) }
    }
}

/// The provider's answer to a proxied call, its body still streaming.
public struct ProxyResponse: Sendable {
    /// The status.
    public var status: HTTPResponse.Status
    /// The headers, hop-by-hop ones removed.
    public var headers: HTTPFields
    /// The declared length of the body, if known.
    public var contentLength: Int?
    /// The body, streamed from the provider as the caller reads it; it ends in error if still streaming at
    /// the proxy's deadline.
    public var body: ProviderResponseBody
    /// The identity whose token was used.
    public var identityId: String
}
