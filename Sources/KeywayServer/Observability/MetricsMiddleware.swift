import Hummingbird

/// Counts every request by route template, method and status, and times it to its answer's head.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = KeywayRequestContext
    let metrics: KeywayMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = ContinuousClock.now
        let status: Int
        do {
            let response = try await next(request, context)
            status = response.status.code
            metrics.httpRequest(
                route: Self.route(context), method: request.method.rawValue, status: status,
                duration: .now - start)
            return response
        } catch {
            metrics.httpRequest(
                route: Self.route(context), method: request.method.rawValue, status: ErrorStatus.of(error),
                duration: .now - start)
            throw error
        }
    }

    /// The matched route's template (`/v1/services/{service}/token`), `NotFound`, or `unmatched`; never the
    /// request's own path.
    static func route(_ context: Context) -> String {
        context.endpointPath ?? "unmatched"
    }
}
