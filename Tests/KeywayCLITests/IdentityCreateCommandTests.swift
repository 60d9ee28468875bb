import Foundation
import KeywayTestSupport
import Testing

/// `keyway identity create`, `identity rm --no-revoke` and `provider ls --auth-mode`.
@Suite("CLI: identity create and auth modes")
struct IdentityCreateCommandTests {
    @Test("create reads the credentials from stdin and never prints them; token hands the key out; rm --no-revoke")
    func create() async throws {
        try await withCLI { h, cli in
            let service = #"{"provider":"custom","authMode":"api_key","apiBaseUrl":"http://127.0.0.1:9/api"}"#
            #expect(try await h.http.put("\(h.api)/services/keyed", json: service).status == 200)
            let created = try await cli.run(
                ["identity", "create", "keyed", "--tag", "tenantId=contoso", "--output", "json"],
                stdin: #"{"apiKey":"cli-key-secret-1"}"#)
            #expect(created.status == 0, "\(created)")
            #expect(!created.stdout.contains("cli-key-secret-1") && !created.stderr.contains("cli-key-secret-1"))
            let id = try #require(created.object?["id"] as? String)
            let token = try await cli.run(["identity", "token", "keyed", id, "-q"])
            #expect(token.trimmedOutput == "cli-key-secret-1", "\(token)")

            let wrongShape = try await cli.run(["identity", "create", "keyed", "--tag", "tenantId=x"], stdin: #"{"username":"a"}"#)
            #expect(wrongShape.status != 0)
            #expect(wrongShape.stderr.contains("invalid_credentials"), "\(wrongShape)")
            let notJSON = try await cli.run(["identity", "create", "keyed", "--tag", "tenantId=x"], stdin: "cli-key")
            #expect(notJSON.status != 0)

            let removed = try await cli.run(["identity", "rm", "keyed", id, "--no-revoke"])
            #expect(removed.status == 0, "\(removed)")
            #expect(try await h.store.identity(serviceId: "keyed", id: id) == nil)
        }
    }

    @Test("provider ls --auth-mode keeps one mode's entries; an unknown mode fails")
    func providerFilter() async throws {
        try await withCLI { h, cli in
            let all = try await cli.run("provider ls --output json")
            let oauth = try await cli.run("provider ls --auth-mode oauth2 --output json")
            #expect(oauth.status == 0, "\(oauth)")
            let expected = all.items.filter { $0["authMode"] as? String == "oauth2" }.compactMap { $0["id"] as? String }
            #expect(oauth.items.compactMap { $0["id"] as? String } == expected)
            let keys = try await cli.run("provider ls --auth-mode api_key --output json")
            #expect(keys.items.allSatisfy { $0["authMode"] as? String == "api_key" })
            #expect(try await cli.run("provider ls --auth-mode magic").status != 0)
        }
    }
}
