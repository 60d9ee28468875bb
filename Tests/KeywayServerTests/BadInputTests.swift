import Foundation
import KeywayTestSupport
import Testing

/// Bad input gets a 4xx with a stable code, nothing stored is harmed, and the server goes on serving.
@Suite("Bad input")
struct BadInputTests {
    @Test("malformed, incomplete and mistyped bodies")
    func bodies() async throws {
        try await Harness.run { h in
            let cases: [(String, String, String, Int, String)] = [
                ("PUT", "/v1/services/x", "{not json", 400, "invalid_json"),
                ("PUT", "/v1/services/x", "", 400, "invalid_json"),
                ("PUT", "/v1/services/x", "[1,2]", 400, "invalid_json"),
                ("PUT", "/v1/services/x", #"{"provider":"hubspot","clientId":"a","clientSecret":"b","scopes":"a b"}"#, 400, "invalid_field"),
                ("PUT", "/v1/services/x", #"{"provider":42}"#, 400, "invalid_field"),
                ("PUT", "/v1/services/x", #"{"provider":"hubspot","clientId":"a"}"#, 400, "missing_field"),
                ("PUT", "/v1/services/x", #"{"provider":"nope","clientId":"a","clientSecret":"b"}"#, 400, "unknown_provider"),
                ("PUT", "/v1/services/x", #"{"provider":"custom","clientId":"a","clientSecret":"b"}"#, 400, "missing_field"),
                ("PUT", "/v1/services/x", #"{"provider":"custom","clientId":"a","clientSecret":"b","authorizationUrl":"http://evil.example/a","tokenUrl":"https://t.example/t"}"#, 400, "invalid_url"),
                ("PUT", "/v1/services/x", #"{"provider":"hubspot","clientId":"a","clientSecret":"b","tokenAuthMethod":"telepathy"}"#, 400, "invalid_field"),
                ("PUT", "/v1/services/Bad%20Name", #"{"provider":"hubspot","clientId":"a","clientSecret":"b"}"#, 400, "invalid_service_id"),
                ("POST", "/v1/services/hubspot/sessions", #"{"tags":{"tenantId":"c"}}"#, 400, "missing_field"),
                ("POST", "/v1/services/hubspot/sessions", #"{"tags":{"tenantId":7},"finishedUrl":"http://a.example/f"}"#, 400, "invalid_field"),
                ("POST", "/v1/services/hubspot/sessions", #"{"tags":{"":"x"},"finishedUrl":"http://a.example/f"}"#, 400, "invalid_tags"),
                ("POST", "/v1/services/hubspot/sessions", #"{"tags":{"a b":"x"},"finishedUrl":"http://a.example/f"}"#, 400, "invalid_tags"),
                ("POST", "/v1/services/hubspot/sessions", #"{"tags":{"t":"c"},"finishedUrl":"javascript:alert(1)"}"#, 400, "invalid_finished_url"),
                ("POST", "/v1/services/hubspot/sessions", #"{"tags":{"t":"c"},"finishedUrl":"/relative"}"#, 400, "invalid_finished_url"),
                ("POST", "/v1/services/nope/sessions", #"{"tags":{"t":"c"},"finishedUrl":"http://a.example/f"}"#, 404, "service_not_found"),
            ]
            for (method, path, body, status, code) in cases {
                let answer = try await h.http.send(.init(rawValue: method), h.base + path, body: body)
                #expect(answer.status == status, "\(method) \(path) \(body) → \(answer.body)")
                #expect(answer.errorCode == code, "\(method) \(path) \(body) → \(answer.body)")
                #expect(answer.json["message"] is String)
            }
            #expect(try await h.http.get("\(h.api)/services/x").errorCode == "service_not_found")
            #expect(try await h.http.get(h.base + "/healthz", authorized: false).status == 200)
        }
    }

    @Test("a huge body gets 413 and the server goes on serving")
    func hugeBody() async throws {
        try await Harness.run { h in
            let huge = #"{"provider":"hubspot","clientId":""# + String(repeating: "a", count: 3 << 20) + #""}"#
            let answer = try await h.http.put("\(h.api)/services/huge", json: huge)
            #expect(answer.status == 413)
            #expect(answer.errorCode == "payload_too_large")
            #expect(try await h.http.get("\(h.api)/services/huge").status == 404)
            #expect(try await h.http.get("\(h.api)/services/hubspot").status == 200)
        }
    }

    @Test("unknown services, identities, routes, odd tag filters, limits and cursors")
    func lookups() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            let cases: [(String, Int, String)] = [
                ("/v1/services/nope/identities", 404, "service_not_found"),
                ("/v1/services/hubspot/identities/idn_missing", 404, "identity_not_found"),
                ("/v1/services/hubspot/identities/idn_missing/token", 404, "identity_not_found"),
                ("/v1/services/nope/identities/\(id)", 404, "service_not_found"),
                ("/v1/services/hubspot/identities?tag=novalue", 400, "invalid_tags"),
                ("/v1/services/hubspot/identities?tag=:value", 400, "invalid_tags"),
                ("/v1/services/hubspot/identities?tag=a:1&tag=a:2", 400, "invalid_tags"),
                ("/v1/services/hubspot/identities?limit=0", 400, "invalid_limit"),
                ("/v1/services/hubspot/identities?limit=501", 400, "invalid_limit"),
                ("/v1/services/hubspot/identities?limit=ten", 400, "invalid_limit"),
                ("/v1/services/hubspot/identities?next=%%%garbage", 400, "invalid_cursor"),
                ("/v1/services/hubspot/token", 400, "missing_tags"),
                ("/v1/services/hubspot/token?tag=tenantId:nobody", 404, "identity_not_found"),
                ("/v1/providers/nope", 404, "provider_not_found"),
                ("/v1/no/such/route", 404, "not_found"),
            ]
            for (path, status, code) in cases {
                let answer = try await h.http.get(h.base + path)
                #expect(answer.status == status, "\(path) → \(answer.body)")
                #expect(answer.errorCode == code, "\(path) → \(answer.body)")
            }
            let unknownSession = try await h.http.get("\(h.api)/connect/ses_nope", authorized: false)
            #expect(unknownSession.status == 404)
            #expect(unknownSession.body.contains("session_not_found"))
            let deleteAll = try await h.http.delete("\(h.api)/services/hubspot/identities")
            #expect(deleteAll.errorCode == "missing_tags")
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 1)
        }
    }

    @Test("a service with identities is kept unless deletion is forced")
    func deleteServiceInUse() async throws {
        try await Harness.run { h in
            _ = try await h.connect()
            let refused = try await h.http.delete("\(h.api)/services/hubspot")
            #expect(refused.status == 409)
            #expect(refused.errorCode == "service_in_use")
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 1)
            let forced = try await h.http.delete("\(h.api)/services/hubspot?force=true")
            #expect(forced.status == 204)
            #expect(try await h.http.get("\(h.api)/services/hubspot").status == 404)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
        }
    }
}
