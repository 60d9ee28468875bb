import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// End users entering credentials on the connect page's form (`/v1/connect/{session}/credentials`): bound to the
/// browser that opened the link, protected by a form token, verified at the provider before anything is stored,
/// and finished like the OAuth callback (the finished URL with the identity, the webhook event).
@Suite("Connect page: credentials by form")
struct ConnectFormTests {
    /// The form token in a credential form page.
    static func formToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="formToken" value="([0-9a-f]+)""#, options: .regularExpression) else { return nil }
        return html[range].split(separator: "\"").last.map(String.init)
    }

    @Test("an API key entered by form post: cookie and form token required, a wrong key refused by verification with nothing stored, the right one stored and the browser sent to finishedUrl with the identity")
    func apiKeyByForm() async throws {
        let gen = APIKeyAndBasicTests.sandbox(.header(name: "X-Api-Key", value: "Key sk-live-123"))
        try await Harness.run(catalog: AuthModeCatalog.catalog, generic: ["gen": gen]) { h in
            try await h.pointService("keyed", provider: "test-key-header", at: "gen")
            let receiver = WebhookReceiver()
            try await receiver.run { hook in
                _ = try await h.addWebhook(url: hook, events: ["identity.created"])
                let connect = try await h.createSession(
                    service: "keyed", tags: ["tenantId": "contoso"], finishedUrl: "http://127.0.0.1:9/finished")
                let browser = h.http.newBrowser()
                let opened = try await browser.get(connect, authorized: false)
                #expect(opened.status == 302, "\(opened.body)")
                let formURL = try #require(opened.location)
                #expect(formURL.hasSuffix("/v1/connect/\(connect.split(separator: "/").last!)/credentials"))

                let page = try await browser.get(formURL, authorized: false)
                #expect(page.status == 200, "\(page.body)")
                #expect(page.body.contains(#"name="apiKey" type="password""#))
                let token = try #require(Self.formToken(in: page.body), "\(page.body)")

                // Another browser (no binding cookie), or this one without the form token: refused, session kept.
                let stranger = try await h.http.newBrowser().postForm(formURL, [("formToken", token), ("apiKey", "sk-live-123")])
                #expect(stranger.status == 403)
                #expect(stranger.body.contains("form_token_mismatch"))
                let tokenless = try await browser.postForm(formURL, [("apiKey", "sk-live-123")])
                #expect(tokenless.status == 403)
                let forged = try await browser.postForm(formURL, [("formToken", String(repeating: "0", count: 64)), ("apiKey", "sk-live-123")])
                #expect(forged.status == 403)
                #expect(try await h.store.countIdentities(serviceId: "keyed") == 0)

                // A wrong key: the provider's verification refuses it; the form comes back, nothing is stored.
                let wrong = try await browser.postForm(formURL, [("formToken", token), ("apiKey", "sk-wrong")])
                #expect(wrong.status == 422, "\(wrong.body)")
                #expect(wrong.body.contains("credentials_rejected"))
                #expect(!wrong.body.contains("sk-wrong"))
                #expect(try await h.store.countIdentities(serviceId: "keyed") == 0)

                let done = try await browser.postForm(formURL, [("formToken", token), ("apiKey", "sk-live-123")])
                #expect(done.status == 303, "\(done.body)")
                let finished = try #require(done.location)
                #expect(finished.hasPrefix("http://127.0.0.1:9/finished?"))
                #expect(!finished.contains("sk-live"))
                let id = try #require(queryItems(finished)["identityId"], "\(finished)")
                #expect(queryItems(finished)["tenantId"] == "contoso")
                let tokenAnswer = try await h.token(service: "keyed", identity: id)
                #expect(tokenAnswer["accessToken"] as? String == "sk-live-123")
                let proxied = try await h.http.get("\(h.api)/proxy/keyed/api/keyed", headers: [("Keyway-Identity", id)])
                #expect(proxied.status == 200, "\(proxied.body)")

                // The session is spent: the same form cannot store again.
                let replay = try await browser.postForm(formURL, [("formToken", token), ("apiKey", "sk-live-123")])
                #expect(replay.status == 404, "\(replay.body)")
                #expect(try await h.store.countIdentities(serviceId: "keyed") == 1)

                try await h.withWebhookWorker {
                    let events = try await receiver.wait { $0.contains { $0.eventType == "identity.created" } }
                    let event = try #require(events.first { $0.eventType == "identity.created" })
                    #expect(String(decoding: event.body, as: UTF8.self).contains(id))
                    #expect(!String(decoding: event.body, as: UTF8.self).contains("sk-live-123"))
                }
                #expect(!h.logs.text.contains("sk-live-123") && !h.logs.text.contains("sk-wrong"))
            }
        }
    }

    @Test("Basic credentials by form reconnect the identity with the session's tags; an OAuth service has no credential form")
    func basicByForm() async throws {
        let header = "Basic " + Data("me@example.com:api-token-1".utf8).base64EncodedString()
        let gen = APIKeyAndBasicTests.sandbox(.header(name: "Authorization", value: header))
        try await Harness.run(catalog: AuthModeCatalog.catalog, generic: ["gen": gen]) { h in
            try await h.pointService("jira", provider: "test-basic", at: "gen")
            let tags = ["tenantId": "contoso"]
            let existing = try await h.createIdentity(
                service: "jira", tags: tags, credentials: ["username": "me@example.com", "password": "api-token-1"])
            let existingId = try #require(existing.json["id"] as? String)

            let browser = h.http.newBrowser()
            let formURL = try #require(try await browser.get(try await h.createSession(service: "jira", tags: tags), authorized: false).location)
            let page = try await browser.get(formURL, authorized: false)
            #expect(page.body.contains(#"name="username" type="text""#) && page.body.contains(#"name="password" type="password""#))
            let token = try #require(Self.formToken(in: page.body))
            let missing = try await browser.postForm(formURL, [("formToken", token), ("username", "me@example.com")])
            #expect(missing.status == 422)
            #expect(missing.body.contains("invalid_credentials"))
            let done = try await browser.postForm(
                formURL, [("formToken", token), ("username", "me@example.com"), ("password", "api-token-1")])
            #expect(done.status == 303, "\(done.body)")
            #expect(queryItems(try #require(done.location))["identityId"] == existingId)
            #expect(try await h.store.countIdentities(serviceId: "jira") == 1)

            // A code-flow service's session goes to the provider's consent page, never to a credential form.
            let oauthConnect = try await h.createSession(service: "hubspot")
            let oauthSession = String(oauthConnect.split(separator: "/").last!)
            let other = h.http.newBrowser()
            let refused = try await other.get("\(h.base)/v1/connect/\(oauthSession)/credentials", authorized: false)
            #expect(refused.status == 400)
            #expect(refused.body.contains("consent_required"))
        }
    }
}
