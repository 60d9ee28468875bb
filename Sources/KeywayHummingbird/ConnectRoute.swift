import Hummingbird
import KeywayClient
import Logging

/// The app's connect route: creates a Keyway session with the app's tags and sends the browser to it.
struct ConnectRoute<Context: RequestContext>: Sendable {
    let keyway: KeywayClient
    let service: String
    let finishedURL: String
    let publicURL: String?
    let tags: @Sendable (Request, Context) async throws -> [String: String]
    let params: (@Sendable (Request, Context) async throws -> [String: String])?

    /// 302 to Keyway's connect URL. When Keyway refuses the session, 302 to the finished URL with `error`
    /// and `errorDescription`, as a failed connection ends, so the app shows every failure in one place.
    /// Errors thrown by the `tags` or `params` closures (an `HTTPError(.unauthorized)`, say) propagate.
    func respond(to request: Request, context: Context) async throws -> Response {
        guard
            let finished = FinishedURLResolver(publicURL: publicURL).resolve(
                finishedURL, host: request.head.authority)
        else { throw HTTPError(.badRequest, message: FinishedURLResolver.noUsableHost) }
        let tags = try await tags(request, context)
        let params = try await params?(request, context) ?? [:]
        let redirect = try await ConnectRedirect.start(
            service, on: keyway, tags: tags, params: params, finishedURL: finished)
        if let error = redirect.refusal {
            context.logger.error(
                "Keyway did not start a connection",
                metadata: ["service": "\(service)", "error": "\(error.code)", "status": "\(error.status ?? 0)"])
        }
        return Self.redirect(to: redirect.location)
    }

    static func redirect(to location: String) -> Response {
        Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }
}
