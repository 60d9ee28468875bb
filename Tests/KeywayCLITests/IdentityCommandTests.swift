import Foundation
import KeywayTestSupport
import Testing

/// `keyway identity ls | get | token | rm` against a live Keyway.
@Suite("CLI: identity")
struct IdentityCommandTests {
    @Test("ls filters by repeated --tag, pages with --limit/--next, and prints the contract's JSON")
    func list() async throws {
        try await withCLI { h, cli in
            let first = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            let second = try await h.connect(tags: ["tenantId": "contoso", "userId": "u2"])
            _ = try await h.connect(tags: ["tenantId": "fabrikam", "userId": "u1"])

            let all = try await cli.run("identity ls hubspot --output json")
            #expect(all.status == 0, "\(all)")
            #expect(all.trimmedOutput == (try await h.http.get("\(h.api)/services/hubspot/identities")).body)
            #expect(all.items.count == 3)

            let contoso = try await cli.run("identity ls hubspot --tag tenantId=contoso --output json")
            #expect(Set(contoso.items.compactMap { $0["id"] as? String }) == [first, second])
            let one = try await cli.run("identity ls hubspot --tag tenantId=contoso --tag userId=u2 --output json")
            #expect(one.items.compactMap { $0["id"] as? String } == [second])

            let page = try await cli.run("identity ls hubspot --limit 2 --output json")
            #expect(page.items.count == 2)
            let cursor = try #require(page.object?["next"] as? String)
            let rest = try await cli.run(["identity", "ls", "hubspot", "--limit", "2", "--next", cursor, "--output", "json"])
            #expect(rest.items.count == 1)
            #expect(rest.object?["next"] is NSNull)

            let table = try await cli.run("identity ls hubspot --limit 2")
            #expect(table.status == 0, "\(table)")
            #expect(table.stdout.hasPrefix("ID"))
            #expect(table.stdout.contains("tenantId=contoso,userId=u1") || table.stdout.contains("tenantId=contoso,userId=u2"))
            #expect(table.stdout.contains("--limit 2 --next \(cursor)"))
            // The hint repeats the filter, so following it lists the next page of the same identities.
            let filtered = try await cli.run("identity ls hubspot --tag tenantId=contoso --limit 1")
            #expect(filtered.stdout.contains("More: keyway identity ls hubspot --tag tenantId=contoso --limit 1 --next "))
        }
    }

    @Test("tag values with spaces, '&', ':', '=' and '/' reach Keyway intact")
    func encodedTags() async throws {
        try await withCLI { h, cli in
            let value = "Contoso & Co: EU/1 = ok+more%"
            let id = try await h.connect(tags: ["tenantId": value])
            let found = try await cli.run(["identity", "ls", "hubspot", "--tag", "tenantId=\(value)", "--output", "json"])
            #expect(found.status == 0, "\(found)")
            #expect(found.items.compactMap { $0["id"] as? String } == [id])
            let token = try await cli.run(["identity", "token", "hubspot", "--tag", "tenantId=\(value)", "--output", "json"])
            #expect(token.object?["identityId"] as? String == id, "\(token)")
            let none = try await cli.run(["identity", "ls", "hubspot", "--tag", "tenantId=Contoso", "--output", "json"])
            #expect(none.items.isEmpty)
        }
    }

    @Test("get shows one identity without tokens; token by id and by tags gives a working access token")
    func getAndToken() async throws {
        try await withCLI { h, cli in
            let id = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            let got = try await cli.run("identity get hubspot \(id) --output json")
            #expect(got.status == 0, "\(got)")
            #expect(got.trimmedOutput == (try await h.http.get("\(h.api)/services/hubspot/identities/\(id)")).body)
            #expect(got.object?["tags"] as? [String: String] == ["tenantId": "contoso", "userId": "u1"])
            let table = try await cli.run("identity get hubspot \(id)")
            #expect(table.stdout.contains("active"))
            #expect(table.stdout.contains("tenantId=contoso,userId=u1"))

            let byId = try await cli.run("identity token hubspot \(id) --output json")
            #expect(byId.status == 0, "\(byId)")
            let token = try #require(byId.object?["accessToken"] as? String)
            #expect(byId.object?["identityId"] as? String == id)
            #expect(byId.object?["native"] is [String: Any])
            let byTags = try await cli.run("identity token hubspot --tag tenantId=contoso --output json")
            #expect(byTags.object?["accessToken"] as? String == token)

            // The token works against the sandbox's API.
            var api = h.http
            api.apiKey = nil
            let contact = try await api.send(
                .POST, h.sandboxURL + "/crm/v3/objects/contacts", body: #"{"properties":{"email":"a@example.com"}}"#,
                headers: [("Authorization", "Bearer \(token)")], authorized: false)
            #expect(contact.status == 201, "\(contact.body)")

            let tokenTable = try await cli.run("identity token hubspot \(id)")
            #expect(tokenTable.status == 0)
            #expect(tokenTable.stdout.contains("accessToken"))
            #expect(tokenTable.stdout.contains(token))
            #expect(tokenTable.stdout.contains("native.token_type"))
        }
    }

    @Test("token by tags that match several identities or none fails with the server's code")
    func ambiguousAndMissing() async throws {
        try await withCLI { h, cli in
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "u2"])
            let ambiguous = try await cli.run("identity token hubspot --tag tenantId=contoso")
            #expect(ambiguous.status == 1)
            #expect(ambiguous.stderr.hasPrefix("error: ambiguous_identity: "), "\(ambiguous)")
            #expect(ambiguous.stdout.isEmpty)
            let missing = try await cli.run("identity token hubspot --tag tenantId=nobody")
            #expect(missing.status == 1)
            #expect(missing.stderr.hasPrefix("error: identity_not_found: "), "\(missing)")
            let unknownId = try await cli.run("identity get hubspot idn_missing")
            #expect(unknownId.status == 1)
            #expect(unknownId.stderr == "error: identity_not_found: Service 'hubspot' has no identity 'idn_missing'.\n")
        }
    }

    @Test("rm by id and rm by tags delete identities")
    func remove() async throws {
        try await withCLI { h, cli in
            let first = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "u2"])
            let other = try await h.connect(tags: ["tenantId": "fabrikam", "userId": "u1"])

            let byId = try await cli.run("identity rm hubspot \(first)")
            #expect(byId.status == 0, "\(byId)")
            #expect(byId.trimmedOutput == "Deleted identity \(first) of service 'hubspot'.")
            #expect(try await cli.run("identity get hubspot \(first)").status == 1)

            let byTags = try await cli.run("identity rm hubspot --tag tenantId=contoso --output json")
            #expect(byTags.status == 0, "\(byTags)")
            // The sandbox HubSpot's revocation endpoint takes the deleted identity's refresh token.
            #expect(byTags.trimmedOutput == #"{"deleted":1,"revocations":{"revoked":1}}"#)
            let fabrikam = try await h.connect(tags: ["tenantId": "fabrikam", "userId": "u2"])
            let kept = try await cli.run("identity rm hubspot --tag userId=u2 --no-revoke --output json")
            #expect(kept.trimmedOutput == #"{"deleted":1,"revocations":{"skipped":1}}"#, "\(kept)")
            #expect(try await cli.run("identity get hubspot \(fabrikam)").status == 1)
            let none = try await cli.run("identity rm hubspot --tag tenantId=contoso")
            #expect(none.trimmedOutput == "Deleted 0 identities of service 'hubspot'.")

            let left = try await cli.run("identity ls hubspot --output json")
            #expect(left.items.compactMap { $0["id"] as? String } == [other])
            let again = try await cli.run("identity rm hubspot \(first) --output json")
            #expect(again.status == 1)
            #expect(again.stderr.hasPrefix("error: identity_not_found: "))
        }
    }
}
