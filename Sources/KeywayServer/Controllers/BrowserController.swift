import Foundation
import Hummingbird
import KeywayCore

/// The browser's legs: `GET /v1/connect/{session}` and `GET /v1/oauth/callback/{service}`. They need no API key;
/// failures that cannot go back to the app's finished URL are shown as an HTML page.
///
/// `GET /v1/oauth/callback`, the redirect URI every service shared before each had its own, still answers
/// but exchanges nothing (``Keyway/finishLegacyCallback(query:)``).
struct BrowserController {
    let keyway: Keyway

    func addRoutes(to group: RouterGroup<KeywayRequestContext>) {
        group.get("connect/:session", use: connect)
        group.get("oauth/callback/:service", use: callback)
        group.get("oauth/callback", use: legacyCallback)
    }

    @Sendable func connect(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        do {
            let sessionId = try context.parameters.require("session")
            let presented = request.cookies[BrowserBinding.cookieName(sessionId: sessionId)]?.value
            let outcome = try await keyway.connect(sessionId: sessionId, browserToken: presented)
            var response = Self.redirect(to: outcome.location)
            if let binding = outcome.binding {
                for cookie in bindingCookies(binding) { response.setCookie(cookie) }
            }
            return response
        } catch let error as KeywayError {
            return ErrorPage(error: error).response
        }
    }

    @Sendable func callback(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let serviceId = try context.parameters.require("service")
        let query: [String: String]
        do {
            query = try Self.query(of: request)
        } catch {
            return ErrorPage(error: error).response
        }
        let cookies = request.cookies
        let outcome = await keyway.finishAuthorization(serviceId: serviceId, query: query) {
            cookies[BrowserBinding.cookieName(sessionId: $0)]?.value
        }
        return Self.response(for: outcome)
    }

    @Sendable func legacyCallback(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        do {
            return Self.response(for: await keyway.finishLegacyCallback(query: try Self.query(of: request)))
        } catch {
            return ErrorPage(error: error).response
        }
    }

    /// The binding cookies for a browser that opened a connect link: HttpOnly, `SameSite=Lax` (the provider's
    /// top-level redirect back carries it), `Secure` when the public URL is https, living as long as the
    /// session, and scoped to the service's callback path and to this session's connect path (so that the same
    /// browser may open the link again), nowhere else.
    private func bindingCookies(_ binding: ConnectOutcome.Binding) -> [Cookie] {
        let secure = keyway.isPublicURLSecure
        let prefix = URLComponents(string: keyway.publicURL)?.path ?? ""
        return [
            "\(prefix)/v1/oauth/callback/\(binding.serviceId)", "\(prefix)/v1/connect/\(binding.sessionId)",
        ].map { path in
            Cookie(
                name: binding.cookieName, value: binding.token, maxAge: binding.maxAge, path: path, secure: secure,
                httpOnly: true, sameSite: .lax)
        }
    }

    /// The callback's query, decoded with limits; a repeated parameter is refused (``CallbackQuery``).
    private static func query(of request: Request) throws(KeywayError) -> [String: String] {
        try CallbackQuery(raw: request.uri.query).values
    }

    private static func response(for outcome: CallbackOutcome) -> Response {
        switch outcome {
        case .redirect(let location): return Self.redirect(to: location)
        case .rejected(let error): return ErrorPage(error: error).response
        }
    }

    static func redirect(to location: String) -> Response {
        Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }
}
