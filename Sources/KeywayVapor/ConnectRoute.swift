import KeywayClient
import Vapor

/// The app's connect route: creates a Keyway session with the app's tags and sends the browser to it.
struct ConnectRoute: RouteCollection, Sendable {
    let keyway: KeywayClient
    let service: String
    let path: [PathComponent]
    let finishedURL: String
    let publicURL: String?
    let tags: @Sendable (Request) async throws -> [String: String]
    let params: (@Sendable (Request) async throws -> [String: String])?

    func boot(routes: any RoutesBuilder) throws {
        routes.get(path) { request in try await respond(to: request) }
    }

    /// 302 to Keyway's connect URL. When Keyway refuses the session, 302 to the finished URL with `error`
    /// and `errorDescription`, as a failed connection ends, so the app shows every failure in one place.
    /// Errors thrown by the `tags` or `params` closures (an `Abort(.unauthorized)`, say) propagate.
    func respond(to request: Request) async throws -> Response {
        guard
            let finished = FinishedURLResolver(publicURL: publicURL).resolve(
                finishedURL, host: request.headers.first(name: .host))
        else { throw Abort(.badRequest, reason: FinishedURLResolver.noUsableHost) }
        let tags = try await tags(request)
        let params = try await params?(request) ?? [:]
        let redirect = try await ConnectRedirect.start(
            service, on: keyway, tags: tags, params: params, finishedURL: finished)
        if let error = redirect.refusal {
            request.logger.error(
                "Keyway did not start a connection",
                metadata: ["service": "\(service)", "error": "\(error.code)", "status": "\(error.status ?? 0)"])
        }
        return Response(status: .found, headers: ["Location": redirect.location, "Cache-Control": "no-store"])
    }
}
