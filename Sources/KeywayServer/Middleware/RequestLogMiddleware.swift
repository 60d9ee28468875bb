import Hummingbird
import Logging

/// Logs one line per request with the method, the path without its query (callback queries carry codes),
/// the status and the duration.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = KeywayRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(Self.loggablePath(request.uri.path))",
                "status": "\(response.status.code)", "ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
            ])
        return response
    }

    /// The path, with segments under the sandbox's token-info routes hidden (they carry tokens).
    static func loggablePath(_ path: String) -> String {
        if let range = path.range(of: "/oauth/v1/access-tokens/") ?? path.range(of: "/oauth/v1/refresh-tokens/") {
            return path[..<range.upperBound] + "…"
        }
        return String(path.prefix(200))
    }
}
