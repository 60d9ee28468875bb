import Foundation
import KeywayClient
import KeywayTestSupport
import Testing

/// The audit log through the SDK.
@Suite("KeywayClient audit")
struct ClientAuditTests {
    @Test("auditLog shows which key read which token, filters by identity and key, and pages")
    func readsAndPages() async throws {
        try await Harness.run { h in
            let contoso = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            let admin = h.client
            let app = try await admin.createKey(name: "app", scopes: ["tokens:read"])
            let appClient = KeywayClient(url: h.base, apiKey: try #require(app.key), httpClient: h.http.client)
            for _ in 0..<3 { _ = try await appClient.identity(for: "hubspot", id: contoso) }

            let reads = try await admin.auditLog(identityId: contoso)
            #expect(reads.items.count == 3)
            #expect(reads.items.allSatisfy { $0.action == "token.read" && $0.apiKeyId == app.id })
            #expect(reads.items.allSatisfy { $0.apiKeyScopes == ["tokens:read"] && $0.status == 200 })
            #expect(try await admin.auditLog(apiKeyId: app.id, limit: 2).next != nil)
            let first = try await admin.auditLog(apiKeyId: app.id, limit: 2)
            let rest = try await admin.auditLog(apiKeyId: app.id, limit: 2, cursor: first.next)
            #expect(Set((first.items + rest.items).map(\.id)).count == 3)
            #expect(rest.next == nil)

            // The app's key is not an admin key: it cannot read the audit log.
            await #expect {
                _ = try await appClient.auditLog()
            } throws: { error in
                (error as? KeywayClientError)?.code == "insufficient_scope"
            }
        }
    }
}
