import Foundation
import Hummingbird
import KeywayCore

/// A small web dashboard: services, their identities (tags, status, expiry; never tokens), and
/// disconnecting an identity. Signing in takes an API key; an HttpOnly, SameSite=Strict cookie then keeps a signed
/// pass naming it (``Keyway/dashboardPass(for:)``), never the key.
struct DashboardController {
    let keyway: Keyway
    static let cookieName = "keyway_dashboard"

    func addRoutes(to router: Router<KeywayRequestContext>) {
        let group = router.group("dashboard").add(middleware: BrowserHeadersMiddleware())
        group.get(use: home)
        group.post("login", use: login)
        group.post("logout", use: logout)
        group.get("services/:service", use: service)
        group.post("services/:service/identities/:identity/delete", use: deleteIdentity)
    }

    @Sendable func home(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        guard try await signedIn(request) else { return Self.loginPage() }
        let services = try await keyway.services()
        var rows = ""
        for service in services {
            let count = try await keyway.store.countIdentities(serviceId: service.id)
            rows += """
                <tr><td><a href="/dashboard/services/\(HTML.escape(service.id))">\(HTML.escape(service.id))</a></td>
                <td>\(HTML.escape(service.provider))</td><td><code>\(HTML.escape(service.clientId))</code></td>
                <td>\(count)</td><td><code>\(HTML.escape(keyway.callbackURL(service: service.id)))</code></td></tr>
                """
        }
        let table =
            services.isEmpty
            ? "<p class=\"muted\">No services yet: add one with <code>keyway service set</code>.</p>"
            : "<table><tr><th>Service</th><th>Provider</th><th>Client id</th><th>Identities</th><th>Callback URL</th></tr>\(rows)</table>"
        return DashboardPage.render(
            title: "Services",
            body: table
                + "<p class=\"muted\">Register each service's own callback URL with its provider.</p>")
    }

    @Sendable func service(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        guard try await signedIn(request) else { return Self.loginPage() }
        let service = try await keyway.service(id: try context.parameters.path("service"))
        let next = request.uri.queryParameters["next"].map(String.init)
        let page = try await keyway.identities(serviceId: service.id, matching: try request.tagFilters(), limit: 50, after: next)
        var rows = ""
        for identity in page.items {
            let tags = identity.tags.sorted { $0.key < $1.key }.map { "<code>\(HTML.escape($0.key))=\(HTML.escape($0.value))</code>" }
            rows += """
                <tr><td><code>\(HTML.escape(identity.id))</code></td><td>\(tags.joined(separator: " "))</td>
                <td class="status-\(identity.status.rawValue)">\(identity.status.rawValue)\(identity.statusReason.map { "<br><span class=\"muted\">\(HTML.escape($0))</span>" } ?? "")</td>
                <td>\(identity.expiresAt?.rfc3339 ?? "never")</td><td>\(identity.updatedAt.rfc3339)</td>
                <td><form method="post" action="/dashboard/services/\(HTML.escape(service.id))/identities/\(HTML.escape(identity.id))/delete">
                <button>Disconnect</button></form></td></tr>
                """
        }
        let more = page.next.map {
            "<p><a href=\"/dashboard/services/\(HTML.escape(service.id))?next=\(FormEncoding.escape($0))\">Next page</a></p>"
        } ?? ""
        let body =
            page.items.isEmpty
            ? "<p class=\"muted\">No identities.</p>"
            : "<table><tr><th>Identity</th><th>Tags</th><th>Status</th><th>Expires</th><th>Updated</th><th></th></tr>\(rows)</table>\(more)"
        return DashboardPage.render(
            title: "\(service.id) (\(service.provider))",
            body: "<p>Client id <code>\(HTML.escape(service.clientId))</code> · callback <code>\(HTML.escape(keyway.callbackURL(service: service.id)))</code></p>" + body)
    }

    @Sendable func deleteIdentity(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        guard try await signedIn(request) else { return Self.loginPage() }
        try requireSameOrigin(request)
        let serviceId = try context.parameters.path("service")
        try await keyway.deleteIdentity(serviceId: serviceId, id: try context.parameters.path("identity"))
        return Response(status: .seeOther, headers: [.location: "/dashboard/services/\(FormEncoding.escape(serviceId))"])
    }

    @Sendable func login(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        try requireSameOrigin(request)
        let body = try await request.body.collect(upTo: 4096)
        let form = Dictionary(FormEncoding.decode(String(buffer: body)), uniquingKeysWith: { first, _ in first })
        let key = form["apiKey"]?.trimmingCharacters(in: .whitespaces) ?? ""
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
        var response = Response(status: .seeOther, headers: [.location: "/dashboard"])
        response.setCookie(passCookie(keyway.dashboardPass(for: record), maxAge: Int(Keyway.dashboardPassLifetime)))
        return response
    }

    @Sendable func logout(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        try requireSameOrigin(request)
        if let pass = request.cookies[Self.cookieName]?.value { try await keyway.signOut(dashboardPass: pass) }
        var response = Response(status: .seeOther, headers: [.location: "/dashboard"])
        response.setCookie(passCookie("", maxAge: 0))
        return response
    }

    /// The pass cookie: HttpOnly, SameSite=Strict, scoped to `/dashboard`, Secure when the public URL is https.
    private func passCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: Self.cookieName, value: value, maxAge: maxAge, path: "/dashboard", secure: keyway.isPublicURLSecure,
            httpOnly: true, sameSite: .strict)
    }

    private func signedIn(_ request: Request) async throws -> Bool {
        guard let pass = request.cookies[Self.cookieName]?.value, !pass.isEmpty else { return false }
        return try await keyway.verifyDashboardPass(pass) != nil
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
        let message = error.map { "<p class=\"status-revoked\">\(HTML.escape($0))</p>" } ?? ""
        return DashboardPage.render(
            title: "Sign in",
            body: """
                \(message)<form method="post" action="/dashboard/login">
                <p><label>API key <input type="password" name="apiKey" size="60" autocomplete="off" required></label></p>
                <p><button id="signin">Sign in</button></p></form>
                <p class="muted">Use a key from <code>keyway init</code> or <code>keyway key create</code>.</p>
                """,
            signedIn: false, status: status)
    }
}
