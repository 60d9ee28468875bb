import AsyncHTTPClient
import Foundation
import Hummingbird
import KeywayClient
import KeywayTestSupport
import Testing

/// Failures the SDK reports: Keyway's own codes, and the ones it makes itself.
@Suite("KeywayClient errors")
struct ClientErrorTests {
    @Test("a wrong API key is 401 unauthorized, and the key never shows in the error")
    func unauthorized() async throws {
        try await Harness.run { h in
            let wrong = "kw_key_0000000000000000_not-the-secret"
            let keyway = KeywayClient(url: h.base, apiKey: wrong, httpClient: h.http.client)
            let error = await expectClientError { _ = try await keyway.services() }
            #expect(error?.code == "unauthorized")
            #expect(error?.status == 401)
            #expect(error?.kind == .server)
            #expect(!"\(String(describing: error))".contains(wrong))
            #expect(!"\(keyway)".contains(wrong))
        }
    }

    @Test("an unreachable Keyway is a transport failure without a status")
    func unreachable() async throws {
        try await Harness.run { h in
            // Port 9 (discard) has no listener on loopback here.
            let keyway = KeywayClient(url: "http://127.0.0.1:9", apiKey: h.apiKey, httpClient: h.http.client)
            let error = await expectClientError { _ = try await keyway.identity(for: "hubspot", tags: ["tenantId": "c"]) }
            #expect(error?.kind == .transport)
            #expect(error?.code == "transport_failed")
            #expect(error?.status == nil)
            #expect(error?.message.contains(h.apiKey) == false)
        }
    }

    @Test("a base URL with a trailing slash works, and an answer that is not the contract is invalid_response")
    func baseURLAndBadAnswers() async throws {
        try await Harness.run { h in
            let slashed = KeywayClient(url: h.base + "/", apiKey: h.apiKey, httpClient: h.http.client)
            #expect(slashed.url == h.base)
            // Neither printing nor dumping a client shows its key.
            var dumped = ""
            dump(slashed, to: &dumped)
            #expect(!dumped.contains(h.apiKey) && !"\(slashed)".contains(h.apiKey) && dumped.contains(h.base))
            let services = try await slashed.services()
            #expect(services.count == 1)
            // The sandbox is not Keyway: its 404 has no contract error body.
            let wrongPlace = KeywayClient(url: h.sandboxURL, apiKey: h.apiKey, httpClient: h.http.client)
            let error = await expectClientError { _ = try await wrongPlace.services() }
            #expect(error?.kind == .server)
            #expect(error?.status == 404)
            #expect(error?.code.isEmpty == false)
        }
    }

    @Test("a 2xx answer that is not the contract's JSON is invalid_response; a 3xx is never followed")
    func invalidAnswers() async throws {
        let router = Router()
        router.get("v1/services") { _, _ in "this is not JSON" }
        router.get("v1/services/:id") { _, _ in Response.redirect(to: "http://127.0.0.1:9/elsewhere", type: .found) }
        try await withApp(router) { base in
            // The SDK's default client: a redirect is reported, never followed with the key.
            let keyway = KeywayClient(url: base, apiKey: "kw_key_x_y")
            let garbled = await expectClientError { _ = try await keyway.services() }
            #expect(garbled?.kind == .invalidResponse)
            #expect(garbled?.code == "invalid_response")
            let moved = await expectClientError { _ = try await keyway.service("hubspot") }
            #expect(moved?.code == "unexpected_status")
            #expect(moved?.status == 302)
        }
    }

    @Test("the default HTTP client works against a live Keyway")
    func sharedClient() async throws {
        try await Harness.run { h in
            let keyway = KeywayClient(url: h.base, apiKey: h.apiKey)
            let services = try await keyway.services()
            #expect(services.map(\.id) == ["hubspot"])
        }
    }
}
