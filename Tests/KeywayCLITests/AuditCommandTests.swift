import Foundation
import KeywayTestSupport
import Testing

/// `keyway audit` over `GET /v1/audit`.
@Suite("CLI: audit")
struct AuditCommandTests {
    @Test("shows who read which identity's token, filters by identity, and never prints the token")
    func whoReadWhat() async throws {
        try await withCLI { h, cli in
            let contoso = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            let fabrikam = try await h.connect(tags: ["tenantId": "fabrikam", "userId": "u2"])
            let token = try await cli.run("identity token hubspot \(contoso) -q")
            #expect(token.status == 0, "\(token)")
            let accessToken = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!accessToken.isEmpty)
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(fabrikam)/token").status == 200)

            let table = try await cli.run("audit")
            #expect(table.status == 0, "\(table)")
            #expect(table.stdout.contains("token.read"))
            #expect(table.stdout.contains(contoso) && table.stdout.contains(fabrikam), "\(table.stdout)")
            #expect(!table.stdout.contains(accessToken))

            let filtered = try await cli.run("audit --identity \(contoso) --output json")
            #expect(filtered.status == 0, "\(filtered)")
            #expect(filtered.items.map { $0["identityId"] as? String } == [contoso])
            #expect(filtered.items.first?["action"] as? String == "token.read")
            #expect(filtered.items.first?["apiKeyScopes"] as? [String] == ["admin"])

            let bad = try await cli.run("audit --since yesterday")
            #expect(bad.status == 1)
            #expect(bad.stderr.hasPrefix("error: invalid_since: "), "\(bad)")
        }
    }
}
