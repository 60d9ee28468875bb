import Foundation
import KeywayTestSupport
import Testing

/// `POST /v1/services/{service}/proxy`: the proxy for callers that cannot set headers.
@Suite("Proxy envelope")
struct EnvelopeProxyTests {
    @Test("a JSON call by tags creates a contact; the answer's status, headers and JSON body come back")
    func byTags() async throws {
        try await Harness.run { h in
            _ = try await h.connect()
            let answer = try await h.http.post(
                "\(h.api)/services/hubspot/proxy",
                json: #"""
                    {"tags":{"tenantId":"contoso"},"method":"POST","path":"/crm/v3/objects/contacts",
                     "body":{"properties":{"email":"envelope@example.com"}}}
                    """#)
            #expect(answer.status == 200, "\(answer.body)")
            #expect(answer.json["status"] as? Int == 201)
            let headers = try #require(answer.json["headers"] as? [String: String])
            #expect(headers["content-type"]?.contains("json") == true)
            let body = try #require(answer.json["body"] as? [String: Any])
            #expect((body["properties"] as? [String: Any])?["email"] as? String == "envelope@example.com")
        }
    }

    @Test("query objects keep array order, headers pass, text bodies are sent as text, by identity id")
    func queryHeadersText() async throws {
        let upstream = Upstream()
        try await upstream.run { upstreamURL in
            try await Harness.run { h in
                try await h.addService("echo", apiBaseUrl: upstreamURL + "/inspect")
                let id = try await h.walkConnect(service: "echo")
                let answer = try await h.http.post(
                    "\(h.api)/services/echo/proxy",
                    json: #"""
                        {"identityId":"\#(id)","method":"post","path":"/x","query":{"a":["2","1"],"b":"c d"},
                         "headers":{"X-Custom":"kept","Authorization":"Bearer stolen"},"body":"plain text"}
                        """#)
                #expect(answer.status == 200, "\(answer.body)")
                #expect(answer.json["status"] as? Int == 200)
                let seen = try #require(answer.json["body"] as? [String: Any])
                #expect(seen["method"] as? String == "POST")
                #expect(seen["path"] as? String == "/inspect/x")
                #expect(seen["query"] as? String == "a=2&a=1&b=c%20d")
                #expect(seen["body"] as? String == "plain text")
                let headers = try #require(seen["headers"] as? [String: String])
                #expect(headers["x-custom"] == "kept")
                #expect(headers["content-type"]?.hasPrefix("text/plain") == true)
                #expect(headers["authorization"]?.hasPrefix("Bearer sbx-at-") == true)
            }
        }
    }

    @Test("no identity, a bad method, a bad query, an escaping path and a missing path are 400s")
    func refusals() async throws {
        try await Harness.run { h in
            _ = try await h.connect()
            let cases: [(String, String)] = [
                (#"{"path":"/crm/v3/objects/contacts"}"#, "missing_identity"),
                (#"{"tags":{"tenantId":"contoso"},"method":"TRACE","path":"/x"}"#, "invalid_field"),
                (#"{"tags":{"tenantId":"contoso"},"path":"/x","query":{"a":{"b":1}}}"#, "invalid_field"),
                (#"{"tags":{"tenantId":"contoso"},"path":"/../x"}"#, "invalid_proxy_path"),
                (#"{"tags":{"tenantId":"contoso"},"path":"http://evil.example/x"}"#, "invalid_proxy_path"),
                (#"{"tags":{"tenantId":"contoso"}}"#, "missing_field"),
            ]
            for (body, code) in cases {
                let answer = try await h.http.post("\(h.api)/services/hubspot/proxy", json: body)
                #expect(answer.status == 400, "\(body) → \(answer.body)")
                #expect(answer.errorCode == code, "\(body) → \(answer.body)")
            }
            #expect(h.sandbox.stats().apiRequests == 0)
        }
    }
}
