import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// RFC 9700 §4.4 (mix-up) and §4.5 (code injection) over real HTTP: each service has its own callback URL, a
/// state only finishes at its own service's callback, and the old shared callback exchanges nothing.
@Suite("Mix-up and code injection")
struct MixUpTests {
    /// A Keyway with the sandbox HubSpot as `hubspot` and a generic sandbox as service `other`.
    static func withTwoServices(_ body: @escaping @Sendable (Harness, SandboxGeneric) async throws -> Void) async throws {
        let other = SandboxGeneric()
        try await Harness.run(generic: ["other": other]) { h in
            try await h.pointService("other", provider: "custom", at: "other", scopes: ["read"])
            try await body(h, other)
        }
    }

    /// `url` with its path replaced by `path` (its query kept).
    static func replacingPath(of url: String, with path: String) throws -> String {
        var components = try #require(URLComponents(string: url))
        components.path = path
        return try #require(components.string)
    }

    /// `url` with query parameter `name` set to `value`.
    static func replacingQuery(of url: String, _ name: String, with value: String) throws -> String {
        var components = try #require(URLComponents(string: url))
        components.queryItems = (components.queryItems ?? []).map { $0.name == name ? .init(name: name, value: value) : $0 }
        return try #require(components.string)
    }

    @Test("every service's redirect_uri is its own callback URL, and services show it")
    func perServiceRedirectURI() async throws {
        try await Self.withTwoServices { h, _ in
            let hubspot = try await h.consent(try await h.createSession(service: "hubspot"))
            #expect(hubspot.hasPrefix("\(h.base)/v1/oauth/callback/hubspot?"), "\(hubspot)")
            let connect = try await h.http.get(try await h.createSession(service: "other"), authorized: false)
            let authorize = try #require(connect.location)
            #expect(queryItems(authorize)["redirect_uri"] == "\(h.base)/v1/oauth/callback/other")
            let service = try await h.http.get("\(h.api)/services/other")
            #expect(service.json["callbackUrl"] as? String == "\(h.base)/v1/oauth/callback/other")
        }
    }

    @Test("a HubSpot code returned with another service's state is refused: no token request, nothing stored")
    func codeWithAnotherServicesState() async throws {
        try await Self.withTwoServices { h, other in
            // The victim's flow for `other` is under way in this browser.
            let otherCallback = try await h.consent(try await h.createSession(service: "other", tags: ["userId": "victim"]))
            let otherState = try #require(queryItems(otherCallback)["state"])
            // The attacker's HubSpot code, sent back with the victim's state.
            let hubspotCallback = try await h.consent(try await h.createSession(service: "hubspot", tags: ["userId": "mallory"]))
            let injected = try Self.replacingQuery(of: hubspotCallback, "state", with: otherState)

            let answer = try await h.http.get(injected, authorized: false)
            #expect(answer.status == 302, "\(answer.body)")
            let query = queryItems(try #require(answer.location))
            #expect(query["error"] == "callback_service_mismatch")
            #expect(query["identityId"] == nil)
            #expect(h.sandbox.stats().tokenRequests["authorization_code"] == 0)
            #expect(other.stats().tokenRequests["authorization_code"] == 0)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
            #expect(try await h.store.countIdentities(serviceId: "other") == 0)

            // The refusal did not burn the victim's session: their own answer still completes.
            let finished = try await h.http.get(otherCallback, authorized: false)
            #expect(queryItems(finished.location ?? "")["identityId"] != nil, "\(finished.location ?? finished.body)")
        }
    }

    @Test("a code delivered to another service's callback URL is refused, and the right one still completes")
    func codeAtAnotherServicesCallback() async throws {
        try await Self.withTwoServices { h, other in
            let callback = try await h.consent(try await h.createSession(service: "hubspot"))
            let misdelivered = try Self.replacingPath(of: callback, with: "/v1/oauth/callback/other")

            let answer = try await h.http.get(misdelivered, authorized: false)
            #expect(answer.status == 302, "\(answer.body)")
            #expect(queryItems(try #require(answer.location))["error"] == "callback_service_mismatch")
            #expect(h.sandbox.stats().tokenRequests["authorization_code"] == 0)
            #expect(other.stats().tokenRequests["authorization_code"] == 0)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
            #expect(try await h.store.countIdentities(serviceId: "other") == 0)

            let finished = try await h.http.get(callback, authorized: false)
            #expect(queryItems(finished.location ?? "")["identityId"] != nil, "\(finished.location ?? finished.body)")
        }
    }

    @Test("the old shared callback URL exchanges nothing and names the URL to register")
    func legacyCallbackExchangesNothing() async throws {
        try await Harness.run { h in
            let callback = try await h.consent(try await h.createSession())
            let legacy = try Self.replacingPath(of: callback, with: "/v1/oauth/callback")

            let answer = try await h.http.get(legacy, authorized: false)
            #expect(answer.status == 302, "\(answer.body)")
            let query = queryItems(try #require(answer.location))
            #expect(query["error"] == "callback_url_outdated")
            #expect(query["errorDescription"]?.contains("\(h.base)/v1/oauth/callback/hubspot") == true)
            let unknown = try await h.http.get("\(h.api)/oauth/callback?code=c&state=unknown", authorized: false)
            #expect(unknown.status == 400)
            #expect(unknown.body.contains("callback_url_outdated"))
            #expect(h.sandbox.stats().tokenRequests["authorization_code"] == 0)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)

            let finished = try await h.http.get(callback, authorized: false)
            #expect(queryItems(finished.location ?? "")["identityId"] != nil, "\(finished.location ?? finished.body)")
        }
    }

    @Test("PKCE S256 goes to HubSpot, which the catalog ran without it before")
    func pkceForEveryProvider() async throws {
        try await Harness.run { h in
            let connect = try await h.http.get(try await h.createSession(), authorized: false)
            let authorize = queryItems(try #require(connect.location))
            #expect(authorize["code_challenge_method"] == "S256")
            #expect(authorize["code_challenge"]?.count == 43)
            // The sandbox checks the verifier against the challenge at the exchange.
            let callback = try await Browser(http: h.http).consent(try await h.createSession(tags: ["userId": "u2"]))
            let finished = try await h.http.get(callback, authorized: false)
            #expect(queryItems(finished.location ?? "")["identityId"] != nil, "\(finished.location ?? finished.body)")
        }
    }
}
