import Hummingbird
import Logging

/// Logs one line per request at `info`, as one preformatted message:
/// `request method=GET path=/v1/… status=200 ms=0.412`: the method, the path without its query (callback queries
/// carry codes), the status and the duration; the log handler adds the request id (`hb.request.id`) from the
/// request's logger. No metadata dictionary is built, and nothing at all when `info` is not logged.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = KeywayRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        if context.logger.logLevel <= .info {
            let line = Self.line(
                method: request.method.rawValue, path: request.uri.path, status: response.status.code,
                elapsed: .now - start)
            context.logger.info("\(line)")
        }
        return response
    }

    /// The message of one request's line.
    static func line(method: String, path: String, status: Int, elapsed: Duration) -> String {
        let microseconds = max(0, elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)
        let fraction = microseconds % 1000
        let padding = fraction < 10 ? "00" : fraction < 100 ? "0" : ""
        return "request method=\(method) path=\(loggablePath(path)) status=\(status) ms=\(microseconds / 1000).\(padding)\(fraction)"
    }

    /// The path, with segments under the sandbox's token-info routes hidden (they carry tokens), at most 200
    /// characters.
    static func loggablePath(_ path: String) -> String {
        for hidden in ["/oauth/v1/access-tokens/", "/oauth/v1/refresh-tokens/"] {
            if let range = path.utf8.firstRange(of: hidden.utf8) {
                return String(path[..<range.upperBound]) + "…"
            }
        }
        return path.utf8.count <= 200 ? path : String(path.prefix(200))
    }
}
