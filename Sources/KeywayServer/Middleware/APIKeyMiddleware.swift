import Hummingbird
import KeywayCore

/// Admits management requests that carry `Authorization: Bearer <api key>` naming a stored key;
/// everything else gets 401 `unauthorized`.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = KeywayRequestContext
    let keyway: Keyway

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let header = request.headers[.authorization], header.count <= 512,
            header.lowercased().hasPrefix("bearer ")
        else {
            throw KeywayError(.unauthorized, "unauthorized", "Send an API key as 'Authorization: Bearer <key>'.")
        }
        let presented = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let key = try await keyway.authenticate(apiKey: presented) else {
            throw KeywayError(.unauthorized, "unauthorized", "The API key is not valid.")
        }
        var context = context
        context.apiKey = key
        context.logger[metadataKey: "apiKey"] = "\(key.id)"
        return try await next(request, context)
    }
}
