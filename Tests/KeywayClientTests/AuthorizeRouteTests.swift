import Foundation
import Hummingbird
import KeywayClient
import KeywayHummingbird
import KeywayTestSupport
import Testing

/// `keyway.authorize(…)` mounted in a small Hummingbird app, walked as a browser would.
@Suite("Hummingbird connect route")
struct AuthorizeRouteTests {
    @Test("connect 302s to Keyway with the app's tags; the finished URL follows the Host; ConnectionResult reads it")
    func connect() async throws {
        try await Harness.run { h in
            let router = Router()
            router.addRoutes(
                h.client.authorize(
                    "hubspot", at: "/integrations/hubspot/connect", finishedURL: "/integrations/hubspot/connected",
                    tags: { request, _ in
                        ["tenantId": "contoso", "userId": request.uri.queryParameters["user"].map(String.init) ?? "none"]
                    }))
            router.get("/integrations/hubspot/connected") { request, _ in
                let result = ConnectionResult(request)
                return "identityId=\(result.identityId ?? "-") serviceId=\(result.serviceId ?? "-") "
                    + "tenantId=\(result.tenantId ?? "-") userId=\(result.userId ?? "-") error=\(result.error ?? "-")"
            }
            try await withApp(router) { app in
                let connect = try await h.http.get("\(app)/integrations/hubspot/connect?user=usr-123", authorized: false)
                #expect(connect.status == 302)
                #expect(connect.headers.first(name: "cache-control") == "no-store")
                let keywayURL = try #require(connect.location)
                #expect(keywayURL.hasPrefix("\(h.base)/v1/connect/ses_"))

                let finished = try await h.walk(keywayURL)
                #expect(finished.hasPrefix("\(app)/integrations/hubspot/connected?identityId=idn_"))
                let page = try await h.http.get(finished, authorized: false)
                #expect(page.status == 200)
                #expect(page.body.contains("serviceId=hubspot tenantId=contoso userId=usr-123 error=-"))
                let identityId = try #require(ConnectionResult(url: finished).identityId)
                #expect(page.body.contains("identityId=\(identityId)"))
                let identity = try #require(try await h.client.identityDetails(for: "hubspot", id: identityId))
                #expect(identity.tags == ["tenantId": "contoso", "userId": "usr-123"])
            }
        }
    }

    @Test("a configured public URL, or an absolute finished URL, decides where the browser lands")
    func finishedURLs() async throws {
        try await Harness.run { h in
            let router = Router()
            router.addRoutes(
                h.client.authorize(
                    "hubspot", at: "/behind-proxy", finishedURL: "connected", publicURL: "https://app.example.com/news/",
                    tags: { _, _ in ["tenantId": "proxied"] }))
            router.addRoutes(
                h.client.authorize(
                    "hubspot", at: "/absolute", finishedURL: "https://elsewhere.example.com/done?x=1",
                    tags: { _, _ in ["tenantId": "absolute"] }))
            try await withApp(router) { app in
                let proxied = try await h.walk(try #require(try await h.http.get("\(app)/behind-proxy", authorized: false).location))
                #expect(proxied.hasPrefix("https://app.example.com/news/connected?identityId="))
                let absolute = try await h.walk(try #require(try await h.http.get("\(app)/absolute", authorized: false).location))
                #expect(absolute.hasPrefix("https://elsewhere.example.com/done?x=1&identityId="))
            }
        }
    }

    @Test("Keyway's refusal lands on the finished URL with error and errorDescription")
    func refusal() async throws {
        try await Harness.run { h in
            let router = Router()
            router.addRoutes(
                h.client.authorize("nosuch", at: "/connect", finishedURL: "/connected", tags: { _, _ in ["tenantId": "t"] }))
            let wrongKey = KeywayClient(url: h.base, apiKey: "kw_key_00_wrong", httpClient: h.http.client)
            router.addRoutes(
                wrongKey.authorize("hubspot", at: "/wrong-key", finishedURL: "/connected", tags: { _, _ in ["tenantId": "t"] }))
            try await withApp(router) { app in
                let connect = try await h.http.get("\(app)/connect", authorized: false)
                #expect(connect.status == 302)
                let result = ConnectionResult(url: try #require(connect.location))
                #expect(connect.location?.hasPrefix("\(app)/connected?error=service_not_found&errorDescription=") == true)
                #expect(result.error == "service_not_found")
                #expect(result.errorDescription?.contains("nosuch") == true)

                let unauthorized = try await h.http.get("\(app)/wrong-key", authorized: false)
                #expect(ConnectionResult(url: unauthorized.location ?? "").error == "unauthorized")
                #expect(unauthorized.location?.contains("kw_key_00_wrong") == false)
            }
        }
    }

    @Test("the tags closure can refuse with an HTTPError; a Host that is not a host is a 400")
    func refusedByApp() async throws {
        try await Harness.run { h in
            let router = Router()
            router.addRoutes(
                h.client.authorize("hubspot", at: "/connect", finishedURL: "/connected") { request, _ in
                    guard let user = request.headers[.init("X-User")!] else { throw HTTPError(.unauthorized) }
                    return ["tenantId": "contoso", "userId": user]
                })
            try await withApp(router) { app in
                #expect(try await h.http.get("\(app)/connect", authorized: false).status == 401)
                let ok = try await h.http.get("\(app)/connect", headers: [("X-User", "u1")], authorized: false)
                #expect(ok.status == 302)
                let badHost = try await h.http.get(
                    "\(app)/connect", headers: [("X-User", "u1"), ("Host", "evil.example.com/@x")], authorized: false)
                #expect(badHost.status == 400)
                #expect(badHost.body.contains("no usable Host header"), "\(badHost.body)")
                #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
            }
        }
    }

    @Test("params fill the provider's placeholders (a Zendesk subdomain)")
    func params() async throws {
        try await Harness.run { h in
            try await h.client.setService(
                "zendesk", ServiceDefinition(provider: "zendesk", clientId: "zd-client", clientSecret: "zd-secret"))
            let router = Router()
            router.addRoutes(
                h.client.authorize(
                    "zendesk", at: "/connect", finishedURL: "/connected",
                    params: { request, _ in ["subdomain": request.uri.queryParameters["subdomain"].map(String.init) ?? ""] },
                    tags: { _, _ in ["tenantId": "contoso"] }))
            try await withApp(router) { app in
                let connect = try await h.http.get("\(app)/connect?subdomain=acme", authorized: false)
                let keywayURL = try #require(connect.location)
                let consent = try await h.http.get(keywayURL, authorized: false)
                #expect(consent.status == 302)
                #expect(consent.location?.hasPrefix("https://acme.zendesk.com/") == true)
            }
        }
    }
}
