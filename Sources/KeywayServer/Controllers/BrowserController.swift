import Foundation
import Hummingbird
import KeywayCore

/// The browser's legs: `GET /v1/connect/{session}` and `GET /v1/oauth/callback/{service}`. They need no API key;
/// failures that cannot go back to the app's finished URL are shown as an HTML page.
///
/// With ``Keyway/connectPage`` on, the connect link first shows an interstitial (which app, which provider,
/// Continue, which is the same link with `continue=1`), and an ending that goes back to the app (an expired or
/// already opened link, a denial, a provider error) is a page with a "Back to the app" link to the finished URL
/// (which carries `error` as usual) instead of an immediate redirect.
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
            if keyway.connectPage {
                let shown = try await keyway.connectPreview(sessionId: sessionId)
                if shown.expired {
                    return Self.endedPage(
                        code: "session_expired", message: "This connect link expired; start again from the app.",
                        back: FinishedURL.error(
                            shown.finishedUrl, code: "session_expired",
                            description: "The connect link expired; start again from the app."))
                }
                if request.uri.queryParameters["continue"] == nil { return interstitial(shown, sessionId: sessionId) }
            }
            let presented = request.cookies[BrowserBinding.cookieName(sessionId: sessionId)]?.value
            let outcome = try await keyway.connect(sessionId: sessionId, browserToken: presented)
            var response = Self.redirect(to: outcome.location)
            if let binding = outcome.binding {
                for cookie in bindingCookies(binding) { response.setCookie(cookie) }
            }
            return response
        } catch let error as KeywayError {
            if keyway.connectPage, error.code == "session_already_opened",
                let shown = try? await keyway.connectPreview(sessionId: try context.parameters.require("session"))
            {
                return Self.endedPage(
                    code: error.code, message: error.message,
                    back: FinishedURL.error(shown.finishedUrl, code: error.code, description: error.message))
            }
            return ErrorPage(error: error).response
        }
    }

    /// The interstitial: which app asks, which provider, Continue (the same link with `continue=1`) and Cancel
    /// (back to the app with `error=access_denied`).
    private func interstitial(_ preview: ConnectPreview, sessionId: String) -> Response {
        let prefix = URLComponents(string: keyway.publicURL)?.path ?? ""
        return Page.response(
            "connect", title: "Connect \(preview.providerName)",
            context: InterstitialContext(
                app: preview.app, provider: preview.providerName,
                continueURL: "\(prefix)/v1/connect/\(FormEncoding.escape(sessionId))?continue=1",
                cancelURL: FinishedURL.error(
                    preview.finishedUrl, code: "access_denied", description: "The user cancelled before connecting.")))
    }

    struct InterstitialContext {
        var app: String
        var provider: String
        var continueURL: String
        var cancelURL: String
    }

    /// The page for a connect flow that ended without a connection, linking back to the app.
    static func endedPage(code: String, message: String, back: String) -> Response {
        Page.response(
            "connect-ended", title: "The connection was not made",
            context: ErrorPage.ErrorContext(message: message, code: code, back: back))
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
        return Self.response(for: outcome, pages: keyway.connectPage)
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

    /// The callback's answer: a redirect to the app; with connect pages on, an ending with an `error` is a page
    /// linking there instead.
    private static func response(for outcome: CallbackOutcome, pages: Bool = false) -> Response {
        switch outcome {
        case .redirect(let location):
            if pages, let items = URLComponents(string: location)?.queryItems,
                let code = items.last(where: { $0.name == "error" })?.value
            {
                let message = items.last(where: { $0.name == "errorDescription" })?.value ?? "The provider did not grant access."
                return endedPage(code: code, message: message, back: location)
            }
            return Self.redirect(to: location)
        case .rejected(let error): return ErrorPage(error: error).response
        }
    }

    static func redirect(to location: String) -> Response {
        Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }
}
