import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// The web dashboard: sign in with an API key, see services and identities (never tokens), disconnect.
@Suite("Dashboard")
struct DashboardTests {
    @Test("signing in, listing, disconnecting; no token or secret on any page")
    func walk() async throws {
        try await Harness.run { h in
            let id = try await h.connect(tags: ["tenantId": "<contoso>", "userId": "u1"])
            let credentials = try #require(try await h.store.identity(serviceId: "hubspot", id: id)).credentials

            let anonymous = try await h.http.get("\(h.base)/dashboard", authorized: false)
            #expect(anonymous.status == 200)
            #expect(anonymous.body.contains("Sign in"))
            #expect(!anonymous.body.contains("hubspot"))

            let origin = [("Origin", h.base)]
            let wrong = try await h.http.send(
                .POST, "\(h.base)/dashboard/login", body: "apiKey=kw_key_0000000000000000_nope", headers: origin,
                contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(wrong.status == 401)
            let login = try await h.http.send(
                .POST, "\(h.base)/dashboard/login", body: "apiKey=\(HTTP.escape(h.apiKey))", headers: origin,
                contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(login.status == 303)
            let setCookie = try #require(login.headers.first(name: "set-cookie"))
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            let cookie = try #require(setCookie.split(separator: ";").first.map(String.init))
            #expect(!setCookie.contains(h.apiKey), "the cookie holds a signed pass, never the API key")
            #expect(!setCookie.contains(APIKeyParser.parse(h.apiKey)!.secret))
            // The pass opens no API route.
            let pass = String(cookie.dropFirst("keyway_dashboard=".count))
            let asKey = try await h.http.get(
                "\(h.api)/services", headers: [("Authorization", "Bearer \(pass)")], authorized: false)
            #expect(asKey.status == 401)
            // A forged or tampered pass is the sign-in page.
            let parts = pass.split(separator: ".").map(String.init)
            let tampered = [
                "keyway_dashboard=\(parts[0]).\(parts[1]).\(parts[2]).\(Int(parts[3])! + 3600).\(parts[4])",
                "keyway_dashboard=\(parts[0]).\(parts[1]).\(parts[2]).\(parts[3]).AAAA",
                "keyway_dashboard=\(h.apiKey)",
            ]
            for forged in tampered {
                let page = try await h.http.get("\(h.base)/dashboard", headers: [("Cookie", forged)], authorized: false)
                #expect(page.body.contains("Sign in"), "\(forged)")
            }

            let home = try await h.http.get("\(h.base)/dashboard", headers: [("Cookie", cookie)], authorized: false)
            #expect(home.body.contains("/dashboard/services/hubspot"))
            #expect(home.body.contains("\(h.base)/v1/oauth/callback/hubspot"))
            let service = try await h.http.get("\(h.base)/dashboard/services/hubspot", headers: [("Cookie", cookie)], authorized: false)
            #expect(service.status == 200)
            #expect(service.body.contains(id))
            #expect(service.body.contains("tenantId=&lt;contoso&gt;"))
            #expect(!service.body.contains("<contoso>"))
            for page in [anonymous.body, home.body, service.body] {
                #expect(!page.contains(credentials.accessToken))
                #expect(!page.contains(try #require(credentials.refreshToken)))
                #expect(!page.contains(h.sandbox.options.clientSecret))
                #expect(!page.contains(h.apiKey))
            }

            let csrf = try #require(DashboardSignIn.formToken(in: service.body))
            let deleteURL = "\(h.base)/dashboard/services/hubspot/identities/\(id)/delete"
            let crossSite = try await h.http.send(
                .POST, deleteURL, body: "csrf=\(csrf)", headers: [("Cookie", cookie), ("Origin", "http://evil.example")],
                contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(crossSite.status == 400)
            let noOrigin = try await h.http.send(
                .POST, deleteURL, body: "csrf=\(csrf)", headers: [("Cookie", cookie)],
                contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(noOrigin.status == 400, "a form post with neither Origin nor Referer is refused")
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 1)
            let deleted = try await h.http.send(
                .POST, deleteURL, body: "csrf=\(csrf)", headers: [("Cookie", cookie), ("Origin", h.base)],
                contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(deleted.status == 303)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)

            let signedOut = try await h.http.send(
                .POST, "\(h.base)/dashboard/logout", body: "csrf=\(csrf)", headers: origin + [("Cookie", cookie)],
                contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(signedOut.headers.first(name: "set-cookie")?.contains("Max-Age=0") == true)
            #expect(home.headers.first(name: "x-frame-options") == "DENY")
        }
    }

    @Test("a pass lapses after 12 hours, and deleting its key ends it at once")
    func passLifetime() async throws {
        try await Harness.run { h in
            let extra = try await h.keyway.createAPIKey(name: "dash")
            func signIn() async throws -> String {
                let login = try await h.http.send(
                    .POST, "\(h.base)/dashboard/login", body: "apiKey=\(HTTP.escape(extra.key))", headers: [("Origin", h.base)],
                    contentType: "application/x-www-form-urlencoded", authorized: false)
                return try #require(login.headers.first(name: "set-cookie")?.split(separator: ";").first.map(String.init))
            }
            func signedIn(_ cookie: String) async throws -> Bool {
                let page = try await h.http.get("\(h.base)/dashboard", headers: [("Cookie", cookie)], authorized: false)
                return page.body.contains("/dashboard/services/hubspot")
            }
            let cookie = try await signIn()
            #expect(try await signedIn(cookie))
            h.clock.advance(by: 12 * 3600 + 1)
            #expect(try await !signedIn(cookie), "expired")
            let fresh = try await signIn()
            #expect(try await signedIn(fresh))
            try await h.keyway.deleteAPIKey(id: extra.record.id)
            #expect(try await !signedIn(fresh), "the key is gone")
        }
    }
}
