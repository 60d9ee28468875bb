import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// The end user's connect page (``KeywayConfiguration/connectPage``): the interstitial, and the pages for a flow
/// that ends without a connection, each with a way back to the app.
@Suite("Connect page")
struct ConnectPageTests {
    /// Follows the interstitial's Continue through the sandbox consent page; returns the callback's answer.
    static func decide(_ h: Harness, connectURL: String, decision: String) async throws -> HTTPAnswer {
        let provider = try await h.http.get("\(connectURL)?continue=1", authorized: false)
        #expect(provider.status == 302, "\(provider.body)")
        let consentURL = try #require(provider.location)
        let page = try await h.http.get(consentURL, authorized: false)
        let form = try #require(ConsentForm(html: page.body))
        let origin = try #require(Browser.origin(of: consentURL))
        let back = try await h.http.postForm(origin + form.action, form.fields + [("decision", decision)])
        return try await h.http.get(try #require(back.location), authorized: false)
    }

    /// The "Back to the app" link of a page, unescaped.
    static func backLink(_ html: String) throws -> String {
        let range = try #require(html.range(of: #"id="back" href="[^"]*""#, options: .regularExpression))
        return String(html[range].dropFirst(#"id="back" href=""#.count).dropLast())
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("the interstitial names the app and the provider; Continue runs the flow back to the app")
    func interstitial() async throws {
        try await Harness.run(connectPage: true) { h in
            let url = try await h.createSession(finishedUrl: "https://app.example.com/done")
            let page = try await h.http.get(url, authorized: false)
            #expect(page.status == 200)
            #expect(page.body.contains("<strong>app.example.com</strong> asks to connect your <strong>HubSpot</strong>"))
            #expect(page.body.contains("?continue=1"))
            #expect(page.headers.first(name: "set-cookie") == nil, "showing the page claims nothing")
            #expect(page.headers.first(name: "content-security-policy") != nil)
            let finished = try await Self.decide(h, connectURL: url, decision: "allow")
            #expect(finished.status == 302)
            #expect(finished.location?.hasPrefix("https://app.example.com/done?identityId=") == true)
        }
    }

    @Test("a denial and an expired link are pages that lead back to the app with the error")
    func endings() async throws {
        try await Harness.run(connectPage: true) { h in
            let denied = try await Self.decide(
                h, connectURL: try await h.createSession(finishedUrl: "https://app.example.com/done"), decision: "deny")
            #expect(denied.status == 200)
            #expect(denied.body.contains("access_denied"))
            let back = try Self.backLink(denied.body)
            #expect(back.hasPrefix("https://app.example.com/done?"))
            #expect(queryItems(back)["error"] == "access_denied")
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)

            let late = try await h.createSession(finishedUrl: "https://app.example.com/done")
            h.clock.advance(by: 601)
            let expired = try await h.http.get(late, authorized: false)
            #expect(expired.status == 200)
            #expect(queryItems(try Self.backLink(expired.body))["error"] == "session_expired")

            let unknown = try await h.http.get("\(h.base)/v1/connect/ses_unknown", authorized: false)
            #expect(unknown.status == 404)
            #expect(unknown.body.contains("session_not_found"))
        }
    }

    @Test("off by default: the link goes straight to the provider and a denial straight back")
    func offByDefault() async throws {
        try await Harness.run { h in
            let url = try await h.createSession(finishedUrl: "https://app.example.com/done")
            #expect(try await h.http.get(url, authorized: false).status == 302)
            let finished = try await h.walk(try await h.createSession(finishedUrl: "https://app.example.com/done"), decision: "deny")
            #expect(queryItems(finished)["error"] == "access_denied")
        }
    }
}
