import Foundation
import KeywayTestSupport
import Testing

/// What a browser is told on Keyway's own routes: the callback URL (code and state in its query) is never
/// passed on as a Referer, nothing is sniffed or cached.
@Suite("Trust: headers on the browser's routes")
struct BrowserHeadersTests {
    @Test("connect, callback, an error page and the dashboard carry Referrer-Policy: no-referrer and nosniff")
    func headers() async throws {
        try await Harness.run { h in
            let connectURL = try await h.createSession()
            let connect = try await h.http.get(connectURL, authorized: false)
            let callbackURL = try await h.consent(try await h.createSession())
            let callback = try await h.http.get(callbackURL, authorized: false)
            let unknown = try await h.http.get("\(h.api)/connect/ses_unknown", authorized: false)
            let dashboard = try await h.http.get("\(h.base)/dashboard", authorized: false)
            for (name, answer) in [("connect", connect), ("callback", callback), ("error page", unknown), ("dashboard", dashboard)] {
                #expect(answer.headers.first(name: "referrer-policy") == "no-referrer", "\(name)")
                #expect(answer.headers.first(name: "x-content-type-options") == "nosniff", "\(name)")
                #expect(answer.headers.first(name: "cache-control") == "no-store", "\(name)")
            }
            #expect(callback.status == 302)
        }
    }
}
