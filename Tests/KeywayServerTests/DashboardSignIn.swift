import Foundation
import KeywayTestSupport
import Testing

/// A browser signed in to the dashboard: its pass cookie and form token, and form posts from the dashboard's own
/// origin.
struct DashboardSignIn {
    let h: Harness
    let cookie: String
    let csrf: String

    static func signIn(_ h: Harness, apiKey: String? = nil) async throws -> DashboardSignIn {
        let login = try await h.http.send(
            .POST, "\(h.base)/dashboard/login", body: "apiKey=\(HTTP.escape(apiKey ?? h.apiKey))",
            headers: [("Origin", h.base)], contentType: "application/x-www-form-urlencoded", authorized: false)
        #expect(login.status == 303, "\(login.body)")
        let cookie = try #require(login.headers.first(name: "set-cookie")?.split(separator: ";").first.map(String.init))
        let home = try await h.http.get("\(h.base)/dashboard", headers: [("Cookie", cookie)], authorized: false)
        return DashboardSignIn(h: h, cookie: cookie, csrf: try #require(formToken(in: home.body)))
    }

    /// The `csrf` hidden field of a page's forms.
    static func formToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value="[^"]*""#, options: .regularExpression) else { return nil }
        return String(html[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }

    func get(_ path: String) async throws -> HTTPAnswer {
        try await h.http.get("\(h.base)\(path)", headers: [("Cookie", cookie)], authorized: false)
    }

    /// Posts a form with this browser's token (unless `csrf` names another) from the dashboard's origin.
    func post(_ path: String, _ pairs: [(String, String)] = [], csrf: String? = nil) async throws -> HTTPAnswer {
        let body = ([("csrf", csrf ?? self.csrf)] + pairs).map { "\(HTTP.escape($0.0))=\(HTTP.escape($0.1))" }
            .joined(separator: "&")
        return try await h.http.send(
            .POST, "\(h.base)\(path)", body: body, headers: [("Cookie", cookie), ("Origin", h.base)],
            contentType: "application/x-www-form-urlencoded", authorized: false)
    }
}
