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
        try Self.requireSameOrigin(request)
        let serviceId = try context.parameters.path("service")
        try await keyway.deleteIdentity(serviceId: serviceId, id: try context.parameters.path("identity"))
        return Response(status: .seeOther, headers: [.location: "/dashboard/services/\(FormEncoding.escape(serviceId))"])
    }

    @Sendable func login(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        try Self.requireSameOrigin(request)
        let body = try await request.body.collect(upTo: 4096)
        let form = Dictionary(FormEncoding.decode(String(buffer: body)), uniquingKeysWith: { first, _ in first })
        let key = form["apiKey"]?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !key.isEmpty, let record = try await keyway.authenticate(apiKey: key) else {
            return Self.loginPage(error: "That API key is not valid.", status: .unauthorized)
        }
        // The cookie holds a signed pass naming the key, never the key itself.
        let secure = URLComponents(string: keyway.publicURL)?.scheme?.lowercased() == "https" ? "; Secure" : ""
        let lifetime = Int(Keyway.dashboardPassLifetime)
        return Response(
            status: .seeOther,
            headers: [
                .location: "/dashboard",
                .setCookie:
                    "\(Self.cookieName)=\(keyway.dashboardPass(for: record)); Path=/dashboard; HttpOnly; SameSite=Strict;"
                    + " Max-Age=\(lifetime)\(secure)",
            ])
    }

    @Sendable func logout(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        try Self.requireSameOrigin(request)
        return Response(
            status: .seeOther,
            headers: [.location: "/dashboard", .setCookie: "\(Self.cookieName)=; Path=/dashboard; HttpOnly; SameSite=Strict; Max-Age=0"])
    }

    private func signedIn(_ request: Request) async throws -> Bool {
        guard let pass = Self.cookie(Self.cookieName, in: request) else { return false }
        return try await keyway.verifyDashboardPass(pass) != nil
    }

    static func cookie(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == name { return String(parts[1]) }
            }
        }
        return nil
    }

    /// Refuses a form that did not come from a page this server served (``isSameOrigin(_:)``).
    static func requireSameOrigin(_ request: Request) throws {
        guard isSameOrigin(request) else {
            throw KeywayError.invalid("cross_origin", "The dashboard only accepts forms it served itself.")
        }
    }

    /// Forms must come from a page this server served: an `Origin` (or, failing that, a `Referer`) naming this
    /// host. Browsers send one with every form post; a post with neither is refused.
    static func isSameOrigin(_ request: Request) -> Bool {
        guard let host = request.head.authority,
            let source = request.headers[.origin] ?? request.headers[.referer], source != "null"
        else { return false }
        return URLComponents(string: source).map { components in
            let port = components.port.map { ":\($0)" } ?? ""
            return (components.host ?? "") + port == host
        } ?? false
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
