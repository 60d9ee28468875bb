import Foundation
import HTTPTypes
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import NIOCore
import Testing

/// `ANY /v1/proxy/{service}/{path…}` over real HTTP, against the sandbox HubSpot and a plain upstream.
@Suite("Proxy")
struct ProxyTests {
    static let contact = #"{"properties":{"email":"reader@example.com"}}"#

    @Test("method, path, repeated query keys, headers and body are forwarded; the token replaces the caller's key")
    func forwarding() async throws {
        let upstream = Upstream()
        try await upstream.run { upstreamURL in
            try await Harness.run { h in
                try await h.addService("echo", apiBaseUrl: upstreamURL + "/inspect")
                let id = try await h.walkConnect(service: "echo")
                let token = try await h.keyway.token(serviceId: "echo", identityId: id).accessToken
                let answer = try await h.http.send(
                    .POST, "\(h.api)/proxy/echo/a/b%20c?x=1&y=2&x=3", body: "hello",
                    headers: [("Keyway-Identity", id), ("X-Custom", "kept"), ("Connection", "keep-alive, X-Hop"),
                        ("X-Hop", "dropped")], contentType: "text/plain")
                #expect(answer.status == 200, "\(answer.body)")
                #expect(answer.headers.first(name: "x-upstream") == "yes")
                let seen = answer.json
                #expect(seen["method"] as? String == "POST")
                #expect(seen["path"] as? String == "/inspect/a/b%20c")
                #expect(seen["query"] as? String == "x=1&y=2&x=3")
                #expect(seen["body"] as? String == "hello")
                let headers = try #require(seen["headers"] as? [String: String])
                #expect(headers["authorization"] == "Bearer \(token)")
                #expect(headers["x-custom"] == "kept")
                #expect(headers["content-type"] == "text/plain")
                #expect(headers["x-hop"] == nil)
                #expect(headers["keyway-identity"] == nil)
                #expect(!answer.body.contains(h.apiKey))
            }
        }
    }

    @Test("Keyway-Tags picks the identity; a HubSpot contact is created through the proxy")
    func hubspotByTags() async throws {
        try await Harness.run { h in
            _ = try await h.connect()
            let created = try await h.http.send(
                .POST, "\(h.api)/proxy/hubspot/crm/v3/objects/contacts", body: Self.contact,
                headers: [("Keyway-Tags", "tenantId=contoso,userId=u1")])
            #expect(created.status == 201, "\(created.body)")
            let id = try #require(created.json["id"] as? String)
            let fetched = try await h.http.get(
                "\(h.api)/proxy/hubspot/crm/v3/objects/contacts/reader%40example.com?idProperty=email",
                headers: [("Keyway-Tags", "tenantId=contoso")])
            #expect(fetched.status == 200, "\(fetched.body)")
            #expect(fetched.json["id"] as? String == id)
        }
    }

    @Test("no identity header, an unknown identity, ambiguous tags and no API key are refused")
    func refusals() async throws {
        try await Harness.run { h in
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "u2"])
            let url = "\(h.api)/proxy/hubspot/crm/v3/objects/contacts"
            #expect(try await h.http.get(url).errorCode == "missing_identity")
            #expect(try await h.http.get(url, headers: [("Keyway-Identity", "idn_nope")]).errorCode == "identity_not_found")
            #expect(try await h.http.get(url, headers: [("Keyway-Tags", "tenantId=contoso")]).errorCode == "ambiguous_identity")
            #expect(try await h.http.get(url, headers: [("Keyway-Tags", "tenantId")]).errorCode == "invalid_tags")
            #expect(try await h.http.get(url, headers: [("Keyway-Tags", "tenantId=contoso,userId=u1")], authorized: false).status == 401)
            #expect(h.sandbox.stats().apiRequests == 0)
        }
    }

    @Test("a 401 from the API refreshes the token once, even when not due, and replays")
    func refreshAndReplay() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            let before = try await h.keyway.token(serviceId: "hubspot", identityId: id).accessToken
            try await h.fault(status: 401, count: 1)
            let created = try await h.http.send(
                .POST, "\(h.api)/proxy/hubspot/crm/v3/objects/contacts", body: Self.contact,
                headers: [("Keyway-Identity", id)])
            #expect(created.status == 201, "\(created.body)")
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)
            #expect(h.sandbox.stats().apiRequests == 2)
            #expect(try await h.keyway.token(serviceId: "hubspot", identityId: id).accessToken != before)

            // A 401 that persists after the refresh is passed through, with one refresh only.
            try await h.fault(status: 401, count: 5)
            let refused = try await h.http.get(
                "\(h.api)/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", id)])
            #expect(refused.status == 401)
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 2)
        }
    }

    @Test("two 429s then success: retried after Retry-After")
    func rateLimitedTwice() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            try await h.fault(status: 429, count: 2, retryAfter: 0)
            let created = try await h.http.send(
                .POST, "\(h.api)/proxy/hubspot/crm/v3/objects/contacts", body: Self.contact,
                headers: [("Keyway-Identity", id)])
            #expect(created.status == 201, "\(created.body)")
            #expect(h.sandbox.stats().apiRequests == 3)
        }
    }

    @Test("a 429 that never ends is passed through after the attempt bound, with its headers")
    func rateLimitedForever() async throws {
        try await Harness.run(proxyRetry: ProxyRetryPolicy(maxAttempts: 4)) { h in
            let id = try await h.connect()
            try await h.fault(status: 429, count: 100, retryAfter: 0)
            let answer = try await h.http.get(
                "\(h.api)/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", id)])
            #expect(answer.status == 429)
            #expect(answer.headers.first(name: "retry-after") == "0")
            #expect(answer.headers.first(name: "x-hubspot-ratelimit-remaining") == "0")
            #expect(h.sandbox.stats().apiRequests == 4)
        }
    }

    @Test("a 429 asking to wait longer than the bound is passed through at once")
    func rateLimitedTooLong() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            try await h.fault(status: 429, count: 1, retryAfter: 3600)
            let answer = try await h.http.get(
                "\(h.api)/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", id)])
            #expect(answer.status == 429)
            #expect(h.sandbox.stats().apiRequests == 1)
        }
    }

    @Test("an injected 500 is passed through once; 503 is retried")
    func serverErrors() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            try await h.fault(status: 500, count: 1)
            let failed = try await h.http.get(
                "\(h.api)/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", id)])
            #expect(failed.status == 500)
            #expect(failed.body.contains("INTERNAL_ERROR"))
            #expect(h.sandbox.stats().apiRequests == 1)
            try await h.fault(status: 503, count: 1, retryAfter: 0)
            let recovered = try await h.http.get(
                "\(h.api)/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", id)])
            #expect(recovered.status == 200)
            #expect(h.sandbox.stats().apiRequests == 3)
        }
    }

    @Test("an unreachable API gives 502 api_unreachable")
    func unreachable() async throws {
        try await Harness.run { h in
            try await h.addService("gone", apiBaseUrl: "http://127.0.0.1:9")
            let id = try await h.walkConnect(service: "gone")
            let answer = try await h.http.get("\(h.api)/proxy/gone/anything", headers: [("Keyway-Identity", id)])
            #expect(answer.status == 502)
            #expect(answer.errorCode == "api_unreachable")
        }
    }

    @Test("every escape attempt is refused with 400 and no request reaches any host")
    func escapes() async throws {
        let api = Upstream()
        let evil = Upstream()
        try await api.run { apiURL in
            try await evil.run { evilURL in
                try await Harness.run { h in
                    try await h.addService("echo", apiBaseUrl: apiURL + "/inspect/base")
                    let id = try await h.walkConnect(service: "echo")
                    let evilHost = evilURL.replacingOccurrences(of: "http://", with: "")
                    let targets = [
                        "/v1/proxy/echo/http://\(evilHost)/x",
                        "/v1/proxy/echo/http:%2F%2F\(evilHost)/x",
                        "/v1/proxy/echo//\(evilHost)/x",
                        "/v1/proxy/echo/%2F\(evilHost)/x",
                        "/v1/proxy/echo/%2f%2f\(evilHost)/x",
                        "/v1/proxy/echo/../../x",
                        "/v1/proxy/echo/a/../../x",
                        "/v1/proxy/echo/a/%2e%2e/%2E%2E/x",
                        "/v1/proxy/echo/a/.%2e/x",
                        "/v1/proxy/echo/a/%252e%252e/x",
                        "/v1/proxy/echo/a/..%2fx",
                        "/v1/proxy/echo/@\(evilHost)/x",
                        "/v1/proxy/echo/a@\(evilHost)/x",
                        "/v1/proxy/echo/a\\..\\x",
                        "/v1/proxy/echo/a%5c..%5cx",
                        "/v1/proxy/echo/a/%00x",
                    ]
                    for target in targets {
                        do {
                            let answer = try await h.raw(
                                .get, target,
                                headers: [.authorization: "Bearer \(h.apiKey)", HTTPField.Name("Keyway-Identity")!: id])
                            #expect(answer.status == .badRequest, "\(target) → \(answer.status)")
                        } catch {
                            // Only a request line that HTTP itself forbids may be refused before routing.
                            #expect(target.contains("\\"), "\(target) → \(error)")
                        }
                    }
                    #expect(api.requests == 0)
                    #expect(evil.requests == 0)
                    // The same service still proxies a well-formed path, so the refusals were not a broken route.
                    let fine = try await h.http.get("\(h.api)/proxy/echo/a/b", headers: [("Keyway-Identity", id)])
                    #expect(fine.status == 200)
                    #expect(fine.json["path"] as? String == "/inspect/base/a/b")
                    #expect(api.requests == 1)
                }
            }
        }
    }

    @Test("an escaping path on an expired identity is refused before the token is refreshed")
    func escapeBeforeRefresh() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            h.clock.advance(by: 3600)
            let answer = try await h.http.get(
                "\(h.api)/proxy/hubspot/a/%2e%2e/%2e%2e/x", headers: [("Keyway-Identity", id)])
            #expect(answer.status == 400)
            #expect(answer.errorCode == "invalid_proxy_path")
            #expect(h.sandbox.stats().tokenRequests["refresh_token", default: 0] == 0, "no refresh grant was sent")
            #expect(h.sandbox.stats().apiRequests == 0)
        }
    }
}

extension Harness {
    /// Makes the sandbox's next API calls fail.
    func fault(status: Int, count: Int, retryAfter: Int = 0) async throws {
        let answer = try await http.post(
            "\(sandboxURL)/_faults", json: #"{"status":\#(status),"count":\#(count),"retryAfter":\#(retryAfter)}"#)
        #expect((200..<300).contains(answer.status), "\(answer.body)")
    }

    /// Connects an identity of another service through the sandbox's consent page.
    func walkConnect(service: String, tags: [String: String] = ["tenantId": "contoso"]) async throws -> String {
        let finished = try await walk(try await createSession(service: service, tags: tags))
        return try #require(queryItems(finished)["identityId"], "finished with \(finished)")
    }
}
