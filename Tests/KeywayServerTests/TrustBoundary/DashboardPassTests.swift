import Crypto
import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// Dashboard passes: signed with a key derived from the master key, bounded by their issue time, ended by
/// signing out; forms checked for the public URL's scheme, host and port.
@Suite("Dashboard passes")
struct DashboardPassTests {
    /// Signs in and returns the `name=value` cookie.
    static func signIn(_ h: Harness, origin: String? = nil) async throws -> String {
        let login = try await h.http.send(
            .POST, "\(h.base)/dashboard/login", body: "apiKey=\(HTTP.escape(h.apiKey))",
            headers: [("Origin", origin ?? h.base)], contentType: "application/x-www-form-urlencoded", authorized: false)
        #expect(login.status == 303, "\(login.body)")
        let setCookie = try #require(login.headers.first(name: "set-cookie"))
        return try #require(setCookie.split(separator: ";").first.map(String.init))
    }

    static func isSignedIn(_ h: Harness, _ cookie: String) async throws -> Bool {
        let page = try await h.http.get("\(h.base)/dashboard", headers: [("Cookie", cookie)], authorized: false)
        return page.body.contains("/dashboard/services/hubspot") && !page.body.contains("Sign in</h1>")
    }

    @Test("a pass forged with the stored key hash, in the old or the new layout, is refused")
    func forgedWithStoredHash() async throws {
        try await Harness.run { h in
            let keyId = try #require(APIKeyParser.parse(h.apiKey)).id
            let record = try #require(try await h.store.apiKey(id: keyId))
            let hashKey = SymmetricKey(data: record.secretHash)
            func sign(_ message: String) -> String {
                Data(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: hashKey)).base64URLEncodedString()
            }
            let expiry = Int64(h.clock.now.timeIntervalSince1970) + 3600
            let issued = Int64(h.clock.now.timeIntervalSince1970)
            let forged = [
                "\(keyId).\(expiry).\(sign("keyway-dashboard-pass-v1|\(keyId)|\(expiry)"))",
                "v2.pass1.\(keyId).\(issued).\(sign("keyway-dashboard-pass-v2|pass1|\(keyId)|\(issued)"))",
            ]
            for pass in forged {
                #expect(try await !Self.isSignedIn(h, "keyway_dashboard=\(pass)"), "\(pass)")
            }
            // A genuine pass works, so the refusals above are about the signature.
            #expect(try await Self.isSignedIn(h, try await Self.signIn(h)))
        }
    }

    @Test("the server bounds a pass by its issue time: not past the lifetime, not from the future")
    func issueTimeBounded() async throws {
        try await Harness.run { h in
            let cookie = try await Self.signIn(h)
            #expect(try await Self.isSignedIn(h, cookie))
            h.clock.advance(by: Keyway.dashboardPassLifetime - 60)
            #expect(try await Self.isSignedIn(h, cookie))
            h.clock.advance(by: 61)
            #expect(try await !Self.isSignedIn(h, cookie), "older than the lifetime")
            // A pass issued now is refused by a server whose clock is well behind it.
            let fresh = try await Self.signIn(h)
            h.clock.advance(by: -(Keyway.dashboardPassClockSkew + 30))
            #expect(try await !Self.isSignedIn(h, fresh), "issued in the future")
            h.clock.advance(by: Keyway.dashboardPassClockSkew + 30)
            #expect(try await Self.isSignedIn(h, fresh))
        }
    }

    @Test("after sign-out the old cookie no longer works")
    func signOutRevokes() async throws {
        try await Harness.run { h in
            let cookie = try await Self.signIn(h)
            let other = try await Self.signIn(h)
            let home = try await h.http.get("\(h.base)/dashboard", headers: [("Cookie", cookie)], authorized: false)
            let csrf = try #require(DashboardSignIn.formToken(in: home.body))
            let logout = try await h.http.send(
                .POST, "\(h.base)/dashboard/logout", body: "csrf=\(csrf)", headers: [("Origin", h.base), ("Cookie", cookie)],
                contentType: "application/x-www-form-urlencoded", authorized: false)
            #expect(logout.status == 303)
            #expect(logout.headers.first(name: "set-cookie")?.contains("Max-Age=0") == true)
            #expect(try await !Self.isSignedIn(h, cookie))
            #expect(try await Self.isSignedIn(h, other), "signing out ends that pass only")
        }
    }

    @Test("a form whose Origin has this host but another scheme or port is refused")
    func originComparesSchemeHostPort() async throws {
        try await Harness.run { h in
            let port = try #require(URLComponents(string: h.base)?.port)
            for origin in ["https://127.0.0.1:\(port)", "http://127.0.0.1:\(port + 1)", "http://127.0.0.1", "http://localhost:\(port)"] {
                let login = try await h.http.send(
                    .POST, "\(h.base)/dashboard/login", body: "apiKey=\(HTTP.escape(h.apiKey))",
                    headers: [("Origin", origin)], contentType: "application/x-www-form-urlencoded", authorized: false)
                #expect(login.status == 400, "\(origin)")
                #expect(login.headers.first(name: "set-cookie") == nil, "\(origin)")
            }
            // The same origin, spelled with another case, is the same origin.
            _ = try await Self.signIn(h, origin: "HTTP://127.0.0.1:\(port)")
        }
    }
}
