import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Providers such as Strava, Shopify and Slack want scopes joined with commas.
@Suite("Quirk: comma-separated scopes")
struct ScopeSeparatorFlowTests {
    @Test("strava joins scopes with commas, and the provider grants exactly those scopes")
    func commaJoined() async throws {
        let strava = SandboxGeneric(options: SandboxGenericOptions(displayName: "Strava (sandbox)", scopeSeparator: ","))
        try await Harness.run(generic: ["strava": strava]) { h in
            try await h.pointService("strava", provider: "strava", at: "strava", scopes: ["read", "activity:read_all"])
            let connect = try await h.http.get(try await h.createSession(service: "strava"), authorized: false)
            let location = try #require(connect.location)
            #expect(queryItems(location)["scope"] == "read,activity:read_all")

            let id = try await h.connect(service: "strava")
            let token = try #require(try await h.token(service: "strava", identity: id)["accessToken"] as? String)
            let me = try await h.callAPI(h.genericURL("strava") + "/api/me", token: token, asProvider: "strava")
            #expect(me.status == 200, "\(me.body)")
            #expect(me.json["scopes"] as? [String] == ["read", "activity:read_all"])
        }
    }

    @Test("the same provider refuses space-separated scopes with invalid_scope, which reaches the finished URL")
    func spaceJoinedIsRefused() async throws {
        let strava = SandboxGeneric(options: SandboxGenericOptions(scopeSeparator: ","))
        try await Harness.run(generic: ["strava": strava]) { h in
            // The custom provider joins with spaces, as most providers want.
            try await h.pointService("plain", provider: "custom", at: "strava", scopes: ["read", "activity:read_all"])
            let connect = try await h.http.get(try await h.createSession(service: "plain"), authorized: false)
            // The provider sends the browser straight back with the error, without a consent page.
            let authorize = try await h.http.get(try #require(connect.location), authorized: false)
            #expect(authorize.status == 302)
            let callback = try #require(authorize.location)
            #expect(queryItems(callback)["error"] == "invalid_scope")
            let finished = queryItems(try #require(try await h.http.get(callback, authorized: false).location))
            #expect(finished["error"] == "invalid_scope")
            #expect(try await h.store.countIdentities(serviceId: "plain") == 0)
            #expect(strava.stats().tokenRequests["authorization_code"] == 0)
        }
    }
}
