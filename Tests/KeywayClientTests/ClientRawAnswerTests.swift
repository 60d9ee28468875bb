import Foundation
import KeywayClient
import KeywayTestSupport
import Testing

/// `KeywayClient.rawAnswer(_:)`: the answer exactly as Keyway sent it (what `keyway … --output json` prints).
@Suite("KeywayClient raw answers")
struct ClientRawAnswerTests {
    @Test("the body is Keyway's own bytes; a 204 is empty; ids and tags are escaped, never read as routes or filters")
    func raw() async throws {
        try await Harness.run { h in
            let plain = try await h.http.get("\(h.api)/services/hubspot")
            #expect(String(decoding: try await h.client.rawAnswer(.service("hubspot")), as: UTF8.self) == plain.body)

            // A tag value that would split into two query items if it were not escaped.
            _ = try await h.connect(tags: ["tenantId": "a&tag=b:c d"])
            let listed = try await h.client.rawAnswer(
                .identities(for: "hubspot", tags: ["tenantId": "a&tag=b:c d"], limit: 1))
            let items = try #require(try JSONSerialization.jsonObject(with: listed) as? [String: Any])["items"] as? [Any]
            #expect(items?.count == 1)

            let slash = await expectClientError { _ = try await h.client.rawAnswer(.service("hubspot/identities")) }
            #expect(slash?.code == "service_not_found" || slash?.code == "invalid_service_id", "\(String(describing: slash))")

            let created = try await h.client.createKey(name: "raw", scopes: ["tokens:read"])
            #expect(try await h.client.rawAnswer(.deleteKey(created.id)).isEmpty)
            let gone = await expectClientError { _ = try await h.client.rawAnswer(.deleteKey(created.id)) }
            #expect(gone?.kind == .server && gone?.status == 404)
        }
    }
}
