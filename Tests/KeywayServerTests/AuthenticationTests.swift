import Foundation
import KeywayTestSupport
import Testing

/// Every management route refuses requests without a valid API key.
@Suite("API keys")
struct AuthenticationTests {
    static let routes: [(String, String)] = [
        ("GET", "/v1/services"),
        ("GET", "/v1/services/hubspot"),
        ("PUT", "/v1/services/hubspot"),
        ("DELETE", "/v1/services/hubspot"),
        ("POST", "/v1/services/hubspot/sessions"),
        ("GET", "/v1/services/hubspot/identities"),
        ("DELETE", "/v1/services/hubspot/identities?tag=tenantId:contoso"),
        ("GET", "/v1/services/hubspot/identities/IDENTITY"),
        ("DELETE", "/v1/services/hubspot/identities/IDENTITY"),
        ("GET", "/v1/services/hubspot/identities/IDENTITY/token"),
        ("GET", "/v1/services/hubspot/token?tag=tenantId:contoso"),
        ("GET", "/v1/providers"),
        ("GET", "/v1/providers/hubspot"),
        ("GET", "/v1/keys"),
        ("POST", "/v1/keys"),
        ("DELETE", "/v1/keys/key_missing"),
        ("POST", "/v1/services/hubspot/proxy"),
        ("GET", "/v1/proxy/hubspot/crm/v3/objects/contacts"),
        ("POST", "/v1/proxy/hubspot/crm/v3/objects/contacts"),
    ]

    @Test("no key, a wrong key, a malformed key and another scheme all get 401 unauthorized")
    func refused() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            let wrongSecret = h.apiKey.dropLast(4) + "AAAA"
            let presented: [[(String, String)]] = [
                [],
                [("Authorization", "Bearer \(wrongSecret)")],
                [("Authorization", "Bearer kw_key_0000000000000000_nope")],
                [("Authorization", "Bearer not-a-key")],
                [("Authorization", "Basic \(Data(h.apiKey.utf8).base64EncodedString())")],
            ]
            for (method, path) in Self.routes {
                for headers in presented {
                    let body = method == "PUT" || method == "POST" ? "{}" : nil
                    let answer = try await h.http.send(
                        .init(rawValue: method), h.base + path.replacingOccurrences(of: "IDENTITY", with: id),
                        body: body, headers: headers, authorized: false)
                    #expect(answer.status == 401, "\(method) \(path) with \(headers.map(\.0))")
                    #expect(answer.errorCode == "unauthorized", "\(method) \(path)")
                }
            }
            // Nothing changed: the identity and the service are still there, no key was added, nothing was
            // proxied, and the right key works.
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 1)
            #expect(h.sandbox.stats().apiRequests == 0)
            #expect(try await h.keyway.apiKeys().count == 1)
            #expect(try await h.http.get("\(h.api)/services/hubspot").status == 200)
            #expect(try await h.http.get(h.base + "/healthz", authorized: false).json["status"] as? String == "ok")
        }
    }

    @Test("a deleted key stops working")
    func deletedKey() async throws {
        try await Harness.run { h in
            let extra = try await h.keyway.createAPIKey(name: "ci")
            var http = h.http
            http.apiKey = extra.key
            #expect(try await http.get("\(h.api)/services").status == 200)
            try await h.keyway.deleteAPIKey(id: extra.record.id)
            #expect(try await http.get("\(h.api)/services").status == 401)
        }
    }
}
