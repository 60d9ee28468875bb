import Hummingbird
import KeywayCore
import Logging
import NIOCore

/// Turns every error a route throws into the contract's JSON error body with the right status, so that
/// bad input never reaches the client as an empty 500 and never carries secrets.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = KeywayRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as KeywayError {
            if error.kind == .internal {
                context.logger.error("request failed", metadata: ["error": "\(error.code)"])
            }
            return JSONResponse.error(error)
        } catch is NIOTooManyBytesError {
            return JSONResponse.error(
                KeywayError(.payloadTooLarge, "payload_too_large", "The request body is larger than \(context.maxUploadSize) bytes."))
        } catch let error as HTTPError {
            return JSONResponse.error(Self.translate(error))
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(describing: type(of: error)))"])
            return JSONResponse.error(KeywayError(.internal, "internal_error", "Keyway failed to answer this request."))
        }
    }

    static func translate(_ error: HTTPError) -> KeywayError {
        switch error.status {
        case .notFound: KeywayError(.notFound, "not_found", "No route matches this path.")
        case .methodNotAllowed: KeywayError(.badRequest, "method_not_allowed", "This route does not take this method.")
        case .contentTooLarge: KeywayError(.payloadTooLarge, "payload_too_large", "The request body is too large.")
        case .unauthorized: KeywayError(.unauthorized, "unauthorized", error.body ?? "An API key is required.")
        default:
            error.status.code < 500
                ? KeywayError(.badRequest, "invalid_request", error.body ?? error.status.reasonPhrase)
                : KeywayError(.internal, "internal_error", "Keyway failed to answer this request.")
        }
    }
}
