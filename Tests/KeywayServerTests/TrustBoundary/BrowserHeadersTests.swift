import Foundation
import KeywayTestSupport
import Testing

/// What a browser is told on Keyway's own routes: the callback URL (code and state in its query) is never
/// passed on as a Referer, nothing is sniffed or cached.
@Suite("Trust: headers on the browser's routes")
struct BrowserHeadersTests {
    @Test("connect, callback and an error page carry Referrer-Policy: no-referrer, the dashboard same-origin; all nosniff")
    func headers() async throws {
        try await Harness.run { h in
            let connectURL = try await h.createSession()
            let connect = try await h.http.get(connectURL, authorized: false)
            let callbackURL = try await h.consent(try await h.createSession())
            let callback = try await h.http.get(callbackURL, authorized: false)
            let unknown = try await h.http.get("\(h.api)/connect/ses_unknown", authorized: false)
            let dashboard = try await h.http.get("\(h.base)/dashboard", authorized: false)
            for (name, answer) in [("connect", connect), ("callback", callback), ("error page", unknown), ("dashboard", dashboard)] {
                // The dashboard's forms need an Origin, which browsers send as "null" under no-referrer.
                let policy = name == "dashboard" ? "same-origin" : "no-referrer"
                #expect(answer.headers.first(name: "referrer-policy") == policy, "\(name)")
                #expect(answer.headers.first(name: "x-content-type-options") == "nosniff", "\(name)")
                #expect(answer.headers.first(name: "cache-control") == "no-store", "\(name)")
            }
            #expect(callback.status == 302)
        }
    }
}
