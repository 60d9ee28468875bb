import HTTPTypes
import Hummingbird
import KeywayCore
import NIOCore

/// `ANY /v1/proxy/{service}/{path…}`: forwards a call to the service's API with the identity's token,
/// streaming bodies both ways.
struct ProxyController {
    let keyway: Keyway
    /// Where upstream statuses and latencies are counted.
    var metrics: KeywayMetrics?
    /// Request bodies up to this size are buffered so that the call can be replayed after a 401 or retried
    /// after a 429; larger or unsized bodies stream and are sent once.
    static let replayableBodyLimit = 1 << 20

    func addRoutes(to routes: APIRoutes) {
        let group = routes.requiring(.tokensRead)
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete, .head, .options] {
            group.on("proxy/:service", method: method, use: proxy)
            group.on("proxy/:service/**", method: method, use: proxy)
        }
    }

    @Sendable func proxy(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let serviceId = try context.parameters.path("service")
        let prefix = "/v1/proxy/\(serviceId)"
        let rawPath = request.uri.path
        guard rawPath.hasPrefix(prefix) else {
            throw KeywayError.invalid("invalid_proxy_path", "The proxy path must start with \(prefix).")
        }
        let path = String(rawPath.dropFirst(prefix.count))
        let (body, replayable) = try await Self.body(of: request)
        let start = ContinuousClock.now
        let proxied = try await keyway.proxy(
            ProxyRequest(
                serviceId: serviceId, identity: try Self.selector(request.headers), method: request.method,
                path: path, query: request.uri.query, headers: request.headers,
                body: body, bodyIsReplayable: replayable, limits: context.keyLimits))
        metrics?.proxyUpstream(serviceId: serviceId, status: proxied.status.code, duration: .now - start)
        context.auditTrail?.note(proxied, method: request.method.rawValue, path: path)
        return Self.response(proxied)
    }

    /// The identity a call names with `Keyway-Identity` or `Keyway-Tags`.
    static func selector(_ headers: HTTPFields) throws(KeywayError) -> IdentitySelector {
        if let id = headers[HTTPField.Name("Keyway-Identity")!], !id.isEmpty { return .id(id) }
        if let tags = headers[HTTPField.Name("Keyway-Tags")!], !tags.isEmpty {
            return .tags(try TagSyntax.parseHeader(tags))
        }
        throw .invalid(
            "missing_identity", "Name the identity with a 'Keyway-Identity: <id>' or 'Keyway-Tags: k=v,…' header.")
    }

    private static func body(of request: Request) async throws -> (ProxyBody?, Bool) {
        let length = request.headers[.contentLength].flatMap(Int.init)
        let chunked = request.headers[.transferEncoding]?.lowercased().contains("chunked") ?? false
        if length == nil && !chunked || length == 0 { return (nil, true) }
        if let length, length <= replayableBodyLimit {
            return (.bytes(try await request.body.collect(upTo: replayableBodyLimit)), true)
        }
        return (.stream(request.body, length: length), false)
    }

    private static func response(_ proxied: ProxyResponse) -> Response {
        let upstream = proxied.body
        let body = ResponseBody(contentLength: proxied.contentLength) { writer in
            for try await buffer in upstream { try await writer.write(buffer) }
            try await writer.finish(nil)
        }
        return Response(status: proxied.status, headers: proxied.headers, body: body)
    }
}
