import Hummingbird
import Logging
import KeywayClient

/// Shows a failed Keyway call as a page that says what went wrong, instead of a bare 500.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as KeywayClientError {
            context.logger.error("Keyway call failed", metadata: ["error": "\(error.code)"])
            return HTML.page("keyway-error", ["code": error.code, "message": error.message], status: .badGateway)
        }
    }
}
