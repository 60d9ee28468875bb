import Foundation
import KeywayClient
import KeywayTestSupport
import KeywayVapor
import Testing
import Vapor
import VaporTesting

/// `keyway.authorize(…)` registered on a Vapor application, served for real by Vapor's live tester, and
/// walked as a browser would through Keyway and the sandbox HubSpot's consent page. The live tester's client
/// keeps no cookies, and Keyway binds a connection to the browser that opened it (a cookie), so the walk
/// through consent is made by the harness's browser from the route's own 302 (see ``LiveApp``).
@Suite("Vapor connect route")
struct VaporConnectRouteTests {
    @Test("connect 302s to Keyway with the app's tags; consent lands on the Vapor finished route; ConnectionResult reads it")
    func connect() async throws {
        try await Harness.run { h in
            try await withApp { app in
                try app.register(
                    collection: h.keywayClient.authorize(
                        "hubspot", at: "integrations", "hubspot", "connect",
                        finishedURL: "/integrations/hubspot/connected",
                        tags: { request in ["tenantId": "contoso", "userId": request.query["user"] ?? "none"] }))
                app.get("integrations", "hubspot", "connected") { request in Self.describe(ConnectionResult(request)) }
                let live = try await LiveApp(app)

                // Over real HTTP, a client that follows redirects reaches the sandbox's consent page.
                let followed = try await live.get("/integrations/hubspot/connect?user=usr-123")
                #expect(followed.status == .ok)
                #expect(ConsentForm(html: followed.body.string) != nil, "\(followed.body.string)")

                let connect = try await live.route("/integrations/hubspot/connect?user=usr-123")
                #expect(connect.status == .found)
                #expect(connect.headers.first(name: .cacheControl) == "no-store")
                let keywayURL = try #require(connect.headers.first(name: .location))
                #expect(keywayURL.hasPrefix("\(h.base)/v1/connect/ses_"))

                let finished = try await h.walk(keywayURL)
                #expect(finished.hasPrefix("\(live.origin)/integrations/hubspot/connected?identityId=idn_"))
                let page = try await live.get(finished)
                #expect(page.status == .ok)
                let identityId = try #require(ConnectionResult(url: finished).identityId)
                #expect(
                    page.body.string
                        == "succeeded=true identityId=\(identityId) serviceId=hubspot tenantId=contoso userId=usr-123 "
                        + "error=- errorDescription=-")
                let identity = try #require(try await h.keywayClient.identityDetails(for: "hubspot", id: identityId))
                #expect(identity.tags == ["tenantId": "contoso", "userId": "usr-123"])
            }
        }
    }

    @Test("a denial at the consent page lands on the Vapor finished route with access_denied, and stores nothing")
    func denial() async throws {
        try await Harness.run { h in
            try await withApp { app in
                try app.register(
                    collection: h.keywayClient.authorize(
                        "hubspot", at: "connect", finishedURL: "/connected", tags: { _ in ["tenantId": "contoso"] }))
                app.get("connected") { request in Self.describe(ConnectionResult(request)) }
                let live = try await LiveApp(app)

                let keywayURL = try #require(try await live.route("/connect").headers.first(name: .location))
                let finished = try await h.walk(keywayURL, decision: "deny")
                #expect(finished.hasPrefix("\(live.origin)/connected?error=access_denied"))
                let page = try await live.get(finished)
                #expect(page.status == .ok)
                #expect(
                    page.body.string == "succeeded=false identityId=- serviceId=- tenantId=- userId=- "
                        + "error=access_denied errorDescription=The user declined to connect the app.")
                #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
            }
        }
    }

    @Test("Keyway's refusal (unknown service, wrong API key) lands on the finished URL with error and errorDescription")
    func refusal() async throws {
        try await Harness.run { h in
            try await withApp { app in
                try app.register(
                    collection: h.keywayClient.authorize(
                        "nosuch", at: "connect", finishedURL: "/connected", tags: { _ in ["tenantId": "t"] }))
                let wrongKey = KeywayClient(url: h.base, apiKey: "kw_key_00_wrong", httpClient: h.http.client)
                try app.register(
                    collection: wrongKey.authorize(
                        "hubspot", at: "wrong-key", finishedURL: "/connected", tags: { _ in ["tenantId": "t"] }))
                app.get("connected") { request in Self.describe(ConnectionResult(request)) }
                let live = try await LiveApp(app)

                let connect = try await live.route("/connect")
                #expect(connect.status == .found)
                #expect(connect.headers.first(name: .cacheControl) == "no-store")
                let location = try #require(connect.headers.first(name: .location))
                #expect(location.hasPrefix("\(live.origin)/connected?error=service_not_found&errorDescription="))
                #expect(ConnectionResult(url: location).errorDescription?.contains("nosuch") == true)
                // Over real HTTP, the browser lands on the app's finished route, which reads the refusal.
                let landed = try await live.get("/connect")
                #expect(landed.status == .ok)
                #expect(landed.body.string.contains("error=service_not_found errorDescription="), "\(landed.body.string)")

                let unauthorized = try await live.get("/wrong-key")
                #expect(unauthorized.body.string.contains("error=unauthorized"), "\(unauthorized.body.string)")
                #expect(!unauthorized.body.string.contains("kw_key_00_wrong"))
            }
        }
    }

    @Test("the tags closure can refuse with an Abort; a Host that is not a host is a 400; a public URL decides the landing")
    func refusedByApp() async throws {
        try await Harness.run { h in
            try await withApp { app in
                try app.register(
                    collection: h.keywayClient.authorize("hubspot", at: "connect", finishedURL: "/connected") { request in
                        guard let user = request.headers.first(name: "X-User") else { throw Abort(.unauthorized) }
                        return ["tenantId": "contoso", "userId": user]
                    })
                try app.register(
                    collection: h.keywayClient.authorize(
                        "hubspot", at: "behind-proxy", finishedURL: "connected",
                        publicURL: "https://app.example.com/news/", tags: { _ in ["tenantId": "proxied"] }))
                let live = try await LiveApp(app)

                #expect(try await live.get("/connect").status == .unauthorized)
                let allowed = try await live.get("/connect", headers: ["X-User": "u1"])
                #expect(allowed.status == .ok)
                #expect(ConsentForm(html: allowed.body.string) != nil, "\(allowed.body.string)")
                let badHost = try await live.get("/connect", headers: ["X-User": "u1", "Host": "evil.example.com/@x"])
                #expect(badHost.status == .badRequest)
                #expect(badHost.body.string.contains("no usable Host header"), "\(badHost.body.string)")

                let proxied = try await h.walk(
                    try #require(try await live.route("/behind-proxy").headers.first(name: .location)))
                #expect(proxied.hasPrefix("https://app.example.com/news/connected?identityId="))
                #expect(try await h.store.countIdentities(serviceId: "hubspot") == 1)
            }
        }
    }

    /// What the finished routes answer: every field of the result, `-` for none.
    static func describe(_ result: ConnectionResult) -> String {
        "succeeded=\(result.succeeded) identityId=\(result.identityId ?? "-") serviceId=\(result.serviceId ?? "-") "
            + "tenantId=\(result.tenantId ?? "-") userId=\(result.userId ?? "-") error=\(result.error ?? "-") "
            + "errorDescription=\(result.errorDescription ?? "-")"
    }
}

extension Harness {
    /// A client for this Keyway over the harness's HTTP client (which never follows redirects).
    var keywayClient: KeywayClient {
        KeywayClient(url: base, apiKey: apiKey, httpClient: http.client)
    }
}
