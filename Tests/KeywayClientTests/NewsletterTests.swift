import Foundation
import Hummingbird
import KeywayClient
import KeywayTestSupport
import NewsletterApp
import Testing

/// The example app and Keyway with the sandbox HubSpot, as real servers, walked as a browser would.
@Suite("Newsletter example")
struct NewsletterTests {
    /// Runs `body` with Keyway (and its sandbox) and the newsletter app, and the app's base URL.
    func withNewsletter(_ body: @escaping @Sendable (Harness, String) async throws -> Void) async throws {
        try await Harness.run { h in
            let newsletter = Newsletter(keyway: h.client, httpClient: h.http.client)
            try await withApp(newsletter.router()) { app in try await body(h, app) }
        }
    }

    @Test("connect, sign a reader up into HubSpot, reconnect, disconnect")
    func journey() async throws {
        try await withNewsletter { h, app in
            func get(_ path: String) async throws -> HTTPAnswer {
                try await h.http.get(path.hasPrefix("http") ? path : app + path, authorized: false)
            }
            let root = try await get("/")
            #expect(root.location == "/integrations")

            // Not connected: only Connect.
            var page = try await get("/integrations")
            #expect(page.status == 200)
            #expect(page.headers.first(name: "content-type")?.hasPrefix("text/html") == true)
            #expect(page.body.contains("Service not connected"))
            #expect(page.body.contains(#"value="Connect""#))
            #expect(!page.body.contains("Disconnect"))
            #expect(try await get("/newsletter/signup?email=early%40example.com").body
                .contains("HubSpot Contact not created (HubSpot not connected)."))

            // Connect: the app → Keyway → the sandbox consent page → Keyway's callback → the app → /integrations.
            let connect = try await get("/integrations/hubspot/connect")
            #expect(connect.status == 302)
            let keywayURL = try #require(connect.location)
            #expect(keywayURL.hasPrefix("\(h.base)/v1/connect/"))
            let callback = try await h.consent(keywayURL)
            #expect(callback.hasPrefix("\(h.base)/v1/oauth/callback/hubspot?"))
            let finished = try await get(callback)
            #expect(finished.status == 302)
            let connectedURL = try #require(finished.location)
            #expect(connectedURL.hasPrefix("\(app)/integrations/hubspot/connected?identityId="))
            let identityId = try #require(ConnectionResult(url: connectedURL).identityId)
            let connected = try await get(connectedURL)
            #expect((300..<400).contains(connected.status))
            #expect(connected.location == "/integrations")
            let identity = try #require(try await h.client.identityDetails(for: "hubspot", id: identityId))
            #expect(identity.tags == ["tenantId": "contoso", "userId": "usr-123"])

            // Connected: Reconnect, Disconnect and the test signup.
            page = try await get("/integrations")
            #expect(page.body.contains("Service connected"))
            for button in ["Reconnect", "Disconnect", "Test newsletter signup"] {
                #expect(page.body.contains(#"value="\#(button)""#), "\(button)")
            }

            // The signup form, then a signup that creates the contact in the sandbox's CRM.
            let form = try await get("/newsletter/signup")
            #expect(form.body.contains(#"name="email""#))
            #expect(form.body.contains(#"action="/newsletter/signup""#))
            let signup = try await get("/newsletter/signup?email=Reader%2Bnews%40example.com")
            #expect(signup.status == 200)
            #expect(signup.body.contains("Thank you for signing up to the newsletter!"))
            let hubspotId = try #require(Self.hubspotId(in: signup.body), "\(signup.body)")

            let token = try #require(try await h.client.identity(for: "hubspot", tags: ["tenantId": "contoso"]))
            let contact = try await h.http.get(
                "\(h.sandboxURL)/crm/v3/objects/contacts/\(HTTP.escape("reader+news@example.com"))?idProperty=email",
                headers: [("Authorization", "Bearer \(token.accessToken)")], authorized: false)
            #expect(contact.status == 200, "\(contact.body)")
            #expect(contact.json["id"] as? String == hubspotId)
            #expect((contact.json["properties"] as? [String: Any])?["email"] as? String == "reader+news@example.com")

            // The same reader again: HubSpot refuses the duplicate and the page says so.
            let again = try await get("/newsletter/signup?email=reader%2Bnews%40example.com")
            #expect(again.body.contains("HubSpot Contact not created: Contact already exists. Existing ID: \(hubspotId)"))

            // Reconnect keeps the same identity.
            let reconnectCallback = try await h.consent(try #require(try await get("/integrations/hubspot/connect").location))
            let reconnected = try #require(try await get(reconnectCallback).location)
            #expect(ConnectionResult(url: reconnected).identityId == identityId)

            // Disconnect.
            let disconnect = try await get("/integrations/hubspot/disconnect")
            #expect(disconnect.location == "/integrations")
            #expect(try await h.client.identity(for: "hubspot", tags: ["tenantId": "contoso"]) == nil)
            page = try await get("/integrations")
            #expect(page.body.contains("Service not connected"))
            #expect(try await get("/newsletter/signup?email=late%40example.com").body.contains("HubSpot not connected"))
        }
    }

    @Test("a denied consent shows the error on the connected page and stores nothing")
    func denied() async throws {
        try await withNewsletter { h, app in
            let connect = try await h.http.get("\(app)/integrations/hubspot/connect", authorized: false)
            let finished = try await h.walk(try #require(connect.location), decision: "deny")
            #expect(finished.hasPrefix("\(app)/integrations/hubspot/connected?error=access_denied"))
            let page = try await h.http.get(finished, authorized: false)
            #expect(page.status == 200)
            #expect(page.body.contains("There was an error authorizing access to HubSpot: access_denied"))
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
        }
    }

    @Test("an identity HubSpot no longer refreshes is offered Reconnect and Disconnect, and reconnecting mends it")
    func refreshFailed() async throws {
        try await withNewsletter { h, app in
            let id = try await h.connect(tags: ["tenantId": "contoso", "userId": "usr-123"])
            let stored = try #require(try await h.store.identity(serviceId: "hubspot", id: id))
            let refreshToken = try #require(stored.credentials.refreshToken)
            _ = try await h.http.send(.DELETE, "\(h.sandboxURL)/oauth/v1/refresh-tokens/\(refreshToken)", authorized: false)
            h.clock.advance(by: 1801)

            var page = try await h.http.get("\(app)/integrations", authorized: false)
            #expect(page.status == 200, "\(page.body)")
            #expect(page.body.contains("HubSpot needs to be connected again"))
            #expect(page.body.contains(#"value="Reconnect""#) && page.body.contains(#"value="Disconnect""#))
            #expect(!page.body.contains(refreshToken))

            let connect = try await h.http.get("\(app)/integrations/hubspot/connect", authorized: false)
            let finished = try await h.walk(try #require(connect.location))
            #expect(ConnectionResult(url: finished).identityId == id, "the same identity is connected again")
            page = try await h.http.get("\(app)/integrations", authorized: false)
            #expect(page.body.contains("Service connected"))
        }
    }

    @Test("identity.refresh_failed arrives as a signed webhook and the page offers Reconnect without reading a token")
    func refreshFailedWebhook() async throws {
        try await Harness.run(sandbox: .init(tokenLifetime: .seconds(60))) { h in
            // The app needs the endpoint's secret, the endpoint the app's URL: a front app forwards to it once made.
            let newsletter = Locked<RouterResponder<BasicRequestContext>?>(nil)
            let front = Router()
            for method in [HTTPRequest.Method.get, .post] {
                front.on("**", method: method) { request, context in
                    try await #require(newsletter.value).respond(to: request, context: context)
                }
            }
            try await withApp(front) { app in
                let webhook = try await h.addWebhook(url: app + "/webhooks/keyway")
                let (webhookId, secret) = (try #require(webhook["id"] as? String), try #require(webhook["secret"] as? String))
                newsletter.withLock {
                    $0 = Newsletter(keyway: h.client, httpClient: h.http.client, webhookSecret: secret).router().buildResponder()
                }
                let event = #"{"id":"evt_x","type":"identity.refresh_failed","timestamp":"2026-01-01T00:00:00Z","data":{"identityId":"i","serviceId":"hubspot","tags":{"tenantId":"contoso"},"status":"refresh_failed"}}"#
                let forged = try await h.http.send(
                    .POST, app + "/webhooks/keyway", body: event,
                    headers: [
                        ("webhook-id", "evt_x"), ("webhook-timestamp", "\(Int(Date().timeIntervalSince1970))"),
                        ("webhook-signature", "v1,AAAA"),
                    ], authorized: false)
                #expect(forged.status == 401, "an unsigned event is refused")

                try await h.withWebhookWorker {
                    let id = try await h.connect(tags: ["tenantId": "contoso", "userId": "usr-123"])
                    #expect(try await h.http.get("\(app)/integrations", authorized: false).body.contains("Service connected"))
                    // HubSpot revokes the grant; refreshing ahead of need is refused, with nobody reading a token.
                    let refreshToken = try #require(try await h.store.identity(serviceId: "hubspot", id: id)?.credentials.refreshToken)
                    _ = try await h.http.send(.DELETE, "\(h.sandboxURL)/oauth/v1/refresh-tokens/\(refreshToken)", authorized: false)
                    h.clock.advance(by: 40)
                    #expect(try await h.keyway.refreshAhead(idleAfter: nil).failed == 1)
                    let end = Date().addingTimeInterval(15)
                    while try await !Self.delivered("identity.refresh_failed", h, webhookId), Date() < end {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    #expect(try await Self.delivered("identity.refresh_failed", h, webhookId), "the app took the event (2xx)")
                }
                let reads = Self.tokenReads(h)
                let page = try await h.http.get("\(app)/integrations", authorized: false)
                #expect(page.body.contains("HubSpot needs to be connected again: HubSpot refused a refresh."), "\(page.body)")
                #expect(page.body.contains(#"value="Reconnect""#) && !page.body.contains("Test newsletter signup"))
                #expect(Self.tokenReads(h) == reads, "the page knew from the webhook, without reading a token")

                // Connecting again clears it.
                let connect = try await h.http.get("\(app)/integrations/hubspot/connect", authorized: false)
                _ = try await h.http.get(try await h.walk(try #require(connect.location)), authorized: false)
                #expect(try await h.http.get("\(app)/integrations", authorized: false).body.contains("Service connected"))
            }
        }
    }

    /// Whether the endpoint has a delivered event of this type.
    static func delivered(_ type: String, _ h: Harness, _ webhookId: String) async throws -> Bool {
        let items = try await h.http.get("\(h.api)/webhooks/\(webhookId)/deliveries").json["items"] as? [[String: Any]] ?? []
        return items.contains { $0["eventType"] as? String == type && $0["state"] as? String == "delivered" }
    }

    /// Every token read Keyway's metrics counted so far.
    static func tokenReads(_ h: Harness) -> Double {
        String(decoding: h.metrics.render(), as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("keyway_token_reads_total{") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0, +)
    }

    @Test("everything echoed into HTML is escaped")
    func escaping() async throws {
        try await withNewsletter { h, app in
            let error = HTTP.escape("<script>alert(1)</script>")
            let description = HTTP.escape(#""><img src=x onerror=alert('x')>&"#)
            let page = try await h.http.get(
                "\(app)/integrations/hubspot/connected?error=\(error)&errorDescription=\(description)", authorized: false)
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.body.contains("&quot;&gt;&lt;img src=x onerror=alert(&#39;x&#39;)&gt;&amp;"))
            #expect(!page.body.contains("<script>"))
            #expect(!page.body.contains("<img"))

            // HubSpot's validation message repeats the submitted email; the page escapes it.
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "usr-123"])
            let signup = try await h.http.get(
                "\(app)/newsletter/signup?email=\(HTTP.escape("<b>bold</b>"))", authorized: false)
            #expect(signup.body.contains("HubSpot Contact not created"), "\(signup.body)")
            #expect(signup.body.contains("&lt;b&gt;bold&lt;/b&gt;"))
            #expect(!signup.body.contains("<b>"))
        }
    }

    @Test("when Keyway cannot be reached the app says so instead of failing blankly")
    func keywayDown() async throws {
        try await Harness.run { h in
            let unreachable = KeywayClient(url: "http://127.0.0.1:9", apiKey: h.apiKey, httpClient: h.http.client)
            try await withApp(Newsletter(keyway: unreachable, httpClient: h.http.client).router()) { app in
                let page = try await h.http.get("\(app)/integrations", authorized: false)
                #expect(page.status == 502)
                #expect(page.body.contains("transport_failed"))
                #expect(!page.body.contains(h.apiKey))
            }
        }
    }

    /// The id after "HubSpot ID: " on the signup page.
    static func hubspotId(in html: String) -> String? {
        guard let range = html.range(of: "HubSpot ID: ") else { return nil }
        let id = html[range.upperBound...].prefix { $0.isNumber }
        return id.isEmpty ? nil : String(id)
    }
}
