import Foundation
import Hummingbird
import KeywayCore

/// The operator's dashboard: services (from the catalog), identities (never a token), keys, webhooks and the
/// audit log, all through the engine. Signing in takes an admin API key; an HttpOnly, SameSite=Strict cookie then
/// keeps a signed pass naming it (``Keyway/dashboardPass(for:)``), never the key. Every form is a POST carrying
/// the browser's form token (``Keyway/dashboardFormToken(for:)``) from a page this server served (same origin).
struct DashboardController {
    let keyway: Keyway
    /// The audit log the audit view reads, when the server keeps one.
    let audit: AuditLog?
    static let cookieName = "keyway_dashboard"

    func addRoutes(to router: Router<KeywayRequestContext>) {
        let group = router.group("dashboard").add(middleware: BrowserHeadersMiddleware(referrerPolicy: "same-origin"))
        group.get(use: page(services))
        group.post("login", use: login)
        group.post("logout", use: form(logout))
        group.get("services/new", use: page(newService))
        group.post("services", use: form(createService))
        group.get("services/:service", use: page(service))
        group.post("services/:service/edit", use: form(editService))
        group.post("services/:service/delete", use: form(deleteService))
        group.post("services/:service/connect", use: form(connectTestIdentity))
        group.get("services/:service/identities/:identity", use: page(identity))
        group.post("services/:service/identities/:identity/refresh", use: form(refreshIdentity))
        group.post("services/:service/identities/:identity/delete", use: form(deleteIdentity))
        group.get("keys", use: page(keys))
        group.post("keys", use: form(createKey))
        group.post("keys/:key/delete", use: form(deleteKey))
        group.get("webhooks", use: page(webhooks))
        group.post("webhooks", use: form(createWebhook))
        group.get("webhooks/:webhook", use: page(deliveries))
        group.post("webhooks/:webhook/delete", use: form(deleteWebhook))
        group.get("audit", use: page(auditLog))
    }

    /// A signed-in browser: the key its pass names, and the token its forms carry.
    struct SignedIn {
        var key: APIKey
        var pass: String
        var csrf: String
        var navigation: Page.Navigation { Page.Navigation(csrf: csrf) }
    }

    typealias Handler = @Sendable (Request, KeywayRequestContext) async throws -> Response
    typealias SignedInHandler = @Sendable (Request, KeywayRequestContext, SignedIn) async throws -> Response
    typealias FormHandler = @Sendable (DashboardForm, KeywayRequestContext, SignedIn) async throws -> Response

    /// A page for a signed-in browser; the sign-in page for anyone else. An engine error is a page naming it.
    func page(_ handler: @escaping SignedInHandler) -> Handler {
        { request, context in
            guard let signedIn = try await signedIn(request) else { return Self.loginPage() }
            do {
                return try await handler(request, context, signedIn)
            } catch let error as KeywayError {
                return errorPage(error, back: "/dashboard", signedIn: signedIn)
            }
        }
    }

    /// A form post: refused unless it comes from this server's origin and carries the signed-in browser's form
    /// token; the form's fields are decoded with Hummingbird's form decoder.
    func form(_ handler: @escaping FormHandler) -> Handler {
        { request, context in
            try requireSameOrigin(request)
            guard let signedIn = try await signedIn(request) else { return Self.loginPage() }
            let form = try await DashboardForm.decode(request)
            guard keyway.isDashboardFormToken(form.csrf ?? "", for: signedIn.pass) else {
                throw KeywayError.invalid("invalid_form_token", "The form is stale or was not served to this browser; reload the page.")
            }
            do {
                return try await handler(form, context, signedIn)
            } catch let error as KeywayError {
                return errorPage(error, back: "/dashboard", signedIn: signedIn)
            }
        }
    }

    func errorPage(_ error: KeywayError, back: String, signedIn: SignedIn) -> Response {
        Page.response(
            "dashboard-error", title: "That did not work",
            context: ["message": error.message, "code": error.code, "back": back], navigation: signedIn.navigation,
            status: error.kind.status)
    }

    @Sendable func login(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        try requireSameOrigin(request)
        let key = (try await DashboardForm.decode(request).apiKey ?? "").trimmingCharacters(in: .whitespaces)
        let record: APIKey?
        do {
            record = key.isEmpty ? nil : try await keyway.authenticate(apiKey: key)
        } catch let error as KeywayError where error == Keyway.apiKeyExpired {
            return Self.loginPage(error: "That API key has expired.", status: .unauthorized)
        }
        guard let record else {
            return Self.loginPage(error: "That API key is not valid.", status: .unauthorized)
        }
        guard record.scopes.allows(Keyway.dashboardScope) else {
            return Self.loginPage(
                error: "That API key lacks the admin scope the dashboard needs; sign in with an admin key.",
                status: .forbidden)
        }
        // The cookie holds a signed pass naming the key, never the key itself.
        var response = Self.redirect("/dashboard")
        response.setCookie(passCookie(keyway.dashboardPass(for: record), maxAge: Int(Keyway.dashboardPassLifetime)))
        return response
    }

    @Sendable func logout(_ form: DashboardForm, context: KeywayRequestContext, signedIn: SignedIn) async throws
        -> Response
    {
        try await keyway.signOut(dashboardPass: signedIn.pass)
        var response = Self.redirect("/dashboard")
        response.setCookie(passCookie("", maxAge: 0))
        return response
    }

    /// The pass cookie: HttpOnly, SameSite=Strict, scoped to `/dashboard`, Secure when the public URL is https.
    private func passCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: Self.cookieName, value: value, maxAge: maxAge, path: "/dashboard", secure: keyway.isPublicURLSecure,
            httpOnly: true, sameSite: .strict)
    }

    private func signedIn(_ request: Request) async throws -> SignedIn? {
        guard let pass = request.cookies[Self.cookieName]?.value, !pass.isEmpty,
            let key = try await keyway.verifyDashboardPass(pass)
        else { return nil }
        return SignedIn(key: key, pass: pass, csrf: keyway.dashboardFormToken(for: pass))
    }

    /// Refuses a form that did not come from a page this server served (``isSameOrigin(_:publicURL:)``).
    func requireSameOrigin(_ request: Request) throws {
        guard Self.isSameOrigin(request, publicURL: keyway.publicURL) else {
            throw KeywayError.invalid("cross_origin", "The dashboard only accepts forms it served itself.")
        }
    }

    /// Forms must come from a page this server served: their `Origin` (or, failing that, their `Referer`) must
    /// have the scheme, host and port of the public URL, the address browsers use (behind a TLS-terminating
    /// proxy the request itself arrives over plain http on another port, so its own scheme and authority would
    /// not say what the browser saw; the public URL does). Default ports count as written (`https://h` is
    /// `https://h:443`). Browsers send an `Origin` with every form post; a post with neither is refused.
    static func isSameOrigin(_ request: Request, publicURL: String) -> Bool {
        guard let source = request.headers[.origin] ?? request.headers[.referer], source != "null",
            let expected = Origin(publicURL), let actual = Origin(source)
        else { return false }
        return actual == expected
    }

    /// The scheme, host and port of a URL, lowercased, with the scheme's default port filled in.
    struct Origin: Hashable {
        var scheme: String
        var host: String
        var port: Int

        init?(_ url: String) {
            guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
                let host = components.host?.lowercased(), !host.isEmpty
            else { return nil }
            let defaultPort: Int? = scheme == "https" ? 443 : scheme == "http" ? 80 : nil
            guard let port = components.port ?? defaultPort else { return nil }
            self.scheme = scheme
            self.host = host
            self.port = port
        }
    }

    static func loginPage(error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        Page.response("login", title: "Sign in", context: LoginContext(error: error), status: status)
    }

    struct LoginContext {
        var error: String?
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
