import Foundation
import KeywayTestSupport
import Testing

/// RFC 9700 §4.7 over real HTTP: the state is bound to the browser that opened the connect link, so a
/// forwarded link or a forwarded provider redirect cannot complete in another browser.
@Suite("Browser binding")
struct BrowserBindingFlowTests {
    @Test("the connect link sets a short-lived HttpOnly, SameSite=Lax cookie scoped to the service's callback")
    func cookieAttributes() async throws {
        try await Harness.run { h in
            let url = try await h.createSession()
            let sessionId = try #require(url.split(separator: "/").last.map(String.init))
            let connect = try await h.http.newBrowser().get(url, authorized: false)
            #expect(connect.status == 302)
            let cookies: [String] = connect.headers[canonicalForm: "set-cookie"].map { String($0) }
            let callbackCookie = try #require(cookies.first { $0.contains("Path=/v1/oauth/callback/hubspot") }, "\(cookies)")
            #expect(callbackCookie.hasPrefix("keyway_flow_\(sessionId)="))
            #expect(callbackCookie.contains("HttpOnly"))
            #expect(callbackCookie.contains("SameSite=Lax"))
            #expect(!callbackCookie.contains("Secure"), "the harness's public URL is http")
            // As long as the session (the harness's lifetime is 600 s), no longer.
            let maxAge = callbackCookie.split(separator: ";").lazy
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("Max-Age=") }
                .flatMap { Int($0.dropFirst("Max-Age=".count)) }
            // What is left of the session's life when the link was opened: a slow machine may take a while to get here.
            #expect(maxAge.map { (480...600).contains($0) } == true, "\(callbackCookie)")
            #expect(cookies.contains { $0.contains("Path=/v1/connect/\(sessionId)") })
        }
    }

    @Test("behind an https public URL with a path, the cookie is Secure and scoped under that path")
    func secureCookieBehindProxy() async throws {
        try await Harness.run { h in
            let url = try await h.createSession()
            let sessionId = try #require(url.split(separator: "/").last.map(String.init))
            let loopback = h.keyway.publicURL
            h.keyway.publicURL = "https://keyway.example/auth"
            defer { h.keyway.publicURL = loopback }
            let connect = try await h.http.newBrowser().get("\(h.api)/connect/\(sessionId)", authorized: false)
            #expect(connect.status == 302)
            #expect(queryItems(connect.location ?? "")["redirect_uri"] == "https://keyway.example/auth/v1/oauth/callback/hubspot")
            let cookies: [String] = connect.headers[canonicalForm: "set-cookie"].map { String($0) }
            #expect(cookies.count == 2, "\(cookies)")
            for cookie in cookies {
                #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "\(cookie)")
            }
            #expect(cookies.contains { $0.contains("Path=/auth/v1/oauth/callback/hubspot") }, "\(cookies)")
            #expect(cookies.contains { $0.contains("Path=/auth/v1/connect/\(sessionId)") }, "\(cookies)")
        }
    }

    @Test("a connect link opened in browser A is refused in browser B; A may open it again and finish")
    func forwardedConnectLink() async throws {
        try await Harness.run { h in
            let url = try await h.createSession()
            let alice = h.http.newBrowser()
            let bob = h.http.newBrowser()
            #expect(try await alice.get(url, authorized: false).status == 302)

            let second = try await bob.get(url, authorized: false)
            #expect(second.status == 409, "\(second.body)")
            #expect(second.body.contains("session_already_opened"))
            #expect(second.location == nil)

            let finished = try await Browser(http: alice).walk(url)
            #expect(queryItems(finished)["identityId"] != nil, "\(finished)")
        }
    }

    @Test("a provider redirect forwarded to browser B is refused with nothing stored; A still finishes")
    func forwardedProviderRedirect() async throws {
        try await Harness.run { h in
            let alice = h.http.newBrowser()
            let bob = h.http.newBrowser()
            let callback = try await Browser(http: alice).consent(try await h.createSession())

            let stolen = try await bob.get(callback, authorized: false)
            #expect(stolen.status == 302, "\(stolen.body)")
            let query = queryItems(try #require(stolen.location))
            #expect(query["error"] == "browser_mismatch")
            #expect(query["identityId"] == nil)
            #expect(h.sandbox.stats().tokenRequests["authorization_code"] == 0)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)

            let finished = try await alice.get(callback, authorized: false)
            #expect(queryItems(finished.location ?? "")["identityId"] != nil, "\(finished.location ?? finished.body)")
        }
    }

    @Test("a callback whose session was never opened through its connect link is refused")
    func neverOpened() async throws {
        try await Harness.run { h in
            // A browser that got the provider's consent page without Keyway's connect link: it has no cookie.
            let url = try await h.createSession()
            let opener = h.http.newBrowser()
            let connect = try await opener.get(url, authorized: false)
            let authorize = try #require(connect.location)
            let outsider = h.http.newBrowser()
            let page = try await outsider.get(authorize, authorized: false)
            let form = try #require(ConsentForm(html: page.body))
            let origin = try #require(Browser.origin(of: authorize))
            let redirect = try await outsider.postForm(origin + form.action, form.fields + [("decision", "allow")])
            let answer = try await outsider.get(try #require(redirect.location), authorized: false)
            #expect(queryItems(answer.location ?? "")["error"] == "browser_mismatch")
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
        }
    }
}
