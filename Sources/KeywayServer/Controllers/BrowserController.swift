import Hummingbird
import KeywayCore

/// The browser's legs: `GET /v1/connect/{session}` and `GET /v1/oauth/callback`. They need no API key;
/// failures that cannot go back to the app's finished URL are shown as an HTML page.
struct BrowserController {
    let keyway: Keyway

    func addRoutes(to group: RouterGroup<KeywayRequestContext>) {
        group.get("connect/:session", use: connect)
        group.get("oauth/callback", use: callback)
    }

    @Sendable func connect(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        do {
            let location = try await keyway.connect(sessionId: try context.parameters.path("session"))
            return Self.redirect(to: location)
        } catch let error as KeywayError {
            return ErrorPage(error: error).response
        }
    }

    @Sendable func callback(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let query: [String: String]
        do {
            query = try CallbackQuery(raw: request.uri.query).values
        } catch {
            return ErrorPage(error: error).response
        }
        switch await keyway.finishAuthorization(query: query) {
        case .redirect(let location): return Self.redirect(to: location)
        case .rejected(let error): return ErrorPage(error: error).response
        }
    }

    static func redirect(to location: String) -> Response {
        Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }
}
