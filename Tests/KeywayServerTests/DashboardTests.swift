import Foundation
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

            let home = try await h.http.get("\(h.base)/dashboard", headers: [("Cookie", cookie)], authorized: false)
            #expect(home.body.contains("/dashboard/services/hubspot"))
            #expect(home.body.contains("\(h.base)/v1/oauth/callback"))
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

            let deleteURL = "\(h.base)/dashboard/services/hubspot/identities/\(id)/delete"
            let crossSite = try await h.http.send(
                .POST, deleteURL, body: "", headers: [("Cookie", cookie), ("Origin", "http://evil.example")],
                contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(crossSite.status == 400)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 1)
            let deleted = try await h.http.send(
                .POST, deleteURL, body: "", headers: [("Cookie", cookie), ("Origin", h.base)],
                contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(deleted.status == 303)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)

            let signedOut = try await h.http.send(.POST, "\(h.base)/dashboard/logout", authorized: false)
            #expect(signedOut.headers.first(name: "set-cookie")?.contains("Max-Age=0") == true)
        }
    }
}
