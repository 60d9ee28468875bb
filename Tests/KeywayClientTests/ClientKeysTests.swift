import Foundation
import KeywayClient
import KeywayTestSupport
import Testing

/// API keys through the SDK: a scoped key for an app, made by the admin key, does what its scopes allow.
@Suite("KeywayClient keys")
struct ClientKeysTests {
    @Test("create a tokens:read key limited to a tenant; it reads that tenant's token only, and cannot make keys")
    func scopedKey() async throws {
        try await Harness.run { h in
            let contoso = try await h.connect(tags: ["tenantId": "contoso"])
            let fabrikam = try await h.connect(tags: ["tenantId": "fabrikam"])
            let admin = h.client
            let made = try await admin.createKey(
                name: "contoso-worker", scopes: ["tokens:read"], services: ["hubspot"], tags: ["tenantId": "contoso"],
                expiresIn: .seconds(3600))
            let secret = try #require(made.key)
            #expect(made.scopes == ["tokens:read"])
            #expect(made.services == ["hubspot"])
            #expect(made.tags == ["tenantId": "contoso"])
            #expect(try #require(made.expiresAt) > Date())
            #expect(!made.description.contains(secret))

            let worker = KeywayClient(url: h.base, apiKey: secret, httpClient: h.http.client)
            #expect(try await worker.identity(for: "hubspot", id: contoso)?.id == contoso)
            #expect(try await worker.identity(for: "hubspot", id: fabrikam) == nil)
            await #expect {
                _ = try await worker.createKey(name: "escalate", scopes: ["admin"])
            } throws: { error in
                (error as? KeywayClientError)?.code == "insufficient_scope"
            }

            let listed = try await admin.keys()
            let entry = try #require(listed.first { $0.id == made.id })
            #expect(entry.key == nil)
            #expect(entry.scopes == ["tokens:read"])
            #expect(entry.lastUsedAt != nil)

            try await admin.deleteKey(made.id)
            #expect(try await admin.keys().contains { $0.id == made.id } == false)
            await #expect {
                _ = try await worker.identity(for: "hubspot", id: contoso)
            } throws: { error in
                (error as? KeywayClientError)?.code == "unauthorized"
            }
        }
    }
}
