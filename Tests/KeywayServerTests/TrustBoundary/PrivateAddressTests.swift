import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// Services' URLs on loopback, link-local or private addresses, with Keyway running as it does by default
/// (public addresses only; the sandbox's own root allowed).
@Suite("Trust: operator-set URLs never reach private addresses")
struct PrivateAddressTests {
    @Test(
        "a service whose URL names a private address is refused with 400 private_address",
        arguments: [
            ("tokenUrl", "https://169.254.169.254/latest/meta-data/"), ("apiBaseUrl", "https://10.0.0.5"),
            ("authorizationUrl", "https://[::1]:8443/authorize"), ("apiBaseUrl", "http://2130706433:5432"),
            ("tokenUrl", "https://localhost/token"), ("apiBaseUrl", "https://192.168.0.1/api"),
        ])
    func refusedWhenSet(field: String, url: String) async throws {
        try await Harness.run(outboundURLs: .publicAddressesOnly) { h in
            var fields = [
                "provider": "custom", "clientId": "id", "clientSecret": "secret",
                "authorizationUrl": "https://crm.example.com/a", "tokenUrl": "https://crm.example.com/t",
            ]
            fields[field] = url
            let body = String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
            let answer = try await h.http.put("\(h.api)/services/crm", json: body)
            #expect(answer.status == 400, "\(answer.body)")
            #expect(answer.json["error"] as? String == "private_address" || answer.json["error"] as? String == "invalid_url")
            #expect(try await h.store.service(id: "crm") == nil, "nothing was stored")
        }
    }

    @Test("the sandbox's own root stays allowed: the HubSpot flow, tokens and the proxy work on loopback")
    func sandboxAllowed() async throws {
        try await Harness.run(outboundURLs: .publicAddressesOnly) { h in
            let id = try await h.connect()
            #expect(try await h.token(service: "hubspot", identity: id)["accessToken"] is String)
            let escape = """
                {"apiBaseUrl":"\(h.sandboxURL)/../../v1"}
                """
            let answer = try await h.http.put("\(h.api)/services/hubspot", json: escape)
            #expect(answer.status == 400, "a dot segment cannot climb out of the sandbox's root: \(answer.body)")
        }
    }

    @Test("a private URL already in the database is refused at use: no proxied call and no refresh grant reach it")
    func refusedAtUse() async throws {
        let upstream = Upstream()
        try await upstream.run { upstreamURL in
            try await Harness.run(outboundURLs: .publicAddressesOnly) { h in
                let id = try await h.connect()
                // As a row stored before the policy, or written to the database directly.
                var service = try #require(try await h.store.service(id: "hubspot"))
                service.apiBaseUrl = upstreamURL + "/inspect"
                service.tokenUrl = upstreamURL + "/inspect/token"
                try await h.store.saveService(service)
                // The engine's short service cache would hide the new row for up to two seconds.
                try await Task.sleep(for: .milliseconds(2100))

                let proxied = try await h.http.get("\(h.api)/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", id)])
                #expect(proxied.status == 400, "\(proxied.body)")
                #expect(proxied.json["error"] as? String == "private_address")

                h.clock.advance(by: 3600)
                let token = try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token")
                #expect(token.status == 400, "\(token.body)")
                #expect(token.json["error"] as? String == "private_address")
                #expect(upstream.requests == 0, "no request reached the private address")
                let stored = try #require(try await h.store.identity(serviceId: "hubspot", id: id))
                #expect(stored.status == .active, "the identity is not blamed for the operator's URL")
            }
        }
    }
}
