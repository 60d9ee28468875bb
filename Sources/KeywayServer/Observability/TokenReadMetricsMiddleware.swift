import Hummingbird

/// Counts token reads (`GET …/identities/{identity}/token` and `GET …/token` by tags) by service, lookup and
/// outcome.
struct TokenReadMetricsMiddleware: RouterMiddleware {
    typealias Context = KeywayRequestContext
    let metrics: KeywayMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get, let lookup = Self.lookup(context.endpointPath) else {
            return try await next(request, context)
        }
        let service = context.parameters.get("service") ?? ""
        do {
            let response = try await next(request, context)
            metrics.tokenRead(serviceId: service, lookup: lookup, outcome: response.status.code < 400 ? "success" : "failure")
            return response
        } catch {
            metrics.tokenRead(serviceId: service, lookup: lookup, outcome: "failure")
            throw error
        }
    }

    static func lookup(_ route: String?) -> String? {
        switch route {
        case "/v1/services/{service}/identities/{identity}/token": "id"
        case "/v1/services/{service}/token": "tags"
        default: nil
        }
    }
}
