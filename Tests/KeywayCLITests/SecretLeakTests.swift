import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Only `identity token` prints an access token and only `key create` prints an API key; no command prints
/// a client secret or a refresh token, in table or JSON output, on success or failure.
@Suite("CLI: secrets")
struct SecretLeakTests {
    @Test("no other command's output holds a token, a client secret or an API key")
    func noLeaks() async throws {
        let clientSecret = "hubspot-secret-\(UUID().uuidString)"
        let customSecret = "custom-secret-\(UUID().uuidString)"
        try await withTemporaryDirectory { home in
            try await Harness.run(sandbox: SandboxOptions(clientSecret: clientSecret)) { h in
                let cli = CLI(h, home: home)
                let id = try await h.connect()

                let token = try await cli.run("identity token hubspot \(id) --output json")
                let accessToken = try #require(token.object?["accessToken"] as? String)
                let refreshToken = try #require(
                    try await h.store.identity(serviceId: "hubspot", id: id)?.credentials.refreshToken)
                let created = try await cli.run("key create --name leak --output json")
                let newKey = try #require(created.object?["key"] as? String)
                let newKeyId = try #require(created.object?["id"] as? String)
                let wrongKey = String(h.apiKey.dropLast(6)) + "WRONG1"

                let adminSecret = try #require(APIKeyParser.parse(h.apiKey)).secret
                let newSecret = try #require(APIKeyParser.parse(newKey)).secret
                let never = [clientSecret, customSecret, refreshToken]
                let keys = [h.apiKey, adminSecret, newKey, newSecret, wrongKey]

                // The two secret-printing commands print only their own secret.
                for table in [try await cli.run("identity token hubspot \(id)"), token] {
                    #expect(table.stdout.contains(accessToken))
                    for secret in never + keys { #expect(!table.stdout.contains(secret) && !table.stderr.contains(secret)) }
                }
                for secret in never + [h.apiKey, adminSecret, accessToken] { #expect(!created.stdout.contains(secret)) }

                let commands: [[String]] = [
                    ["service", "ls"], ["service", "get", "hubspot"],
                    [
                        "service", "set", "crm", "--provider", "custom", "--client-id", "crm", "--client-secret",
                        customSecret, "--authorization-url", "https://crm.example.com/authorize", "--token-url",
                        "https://crm.example.com/token",
                    ],
                    ["service", "set", "crm", "--client-id", "crm-2"],
                    ["service", "set", "hubspot", "--scope", "oauth crm.objects.contacts.read crm.objects.contacts.write"],
                    ["identity", "ls", "hubspot"], ["identity", "ls", "hubspot", "--tag", "tenantId=contoso"],
                    ["identity", "get", "hubspot", id], ["identity", "rm", "hubspot", "--tag", "tenantId=nobody"],
                    ["key", "ls"], ["provider", "ls"], ["provider", "get", "hubspot"],
                    // Failures, including one with a wrong key that must not be echoed.
                    ["service", "get", "nope"], ["identity", "get", "hubspot", "idn_missing"],
                    ["service", "ls", "--api-key", wrongKey], ["service", "ls", "--url", "http://127.0.0.1:1"],
                    ["identity", "token", "hubspot"],
                    ["key", "rm", newKeyId],
                ]
                for command in commands {
                    for output in ["table", "json"] {
                        let result = try await cli.run(command + ["--output", output])
                        let text = result.stdout + result.stderr
                        #expect(!text.isEmpty, "\(command)")
                        for secret in never + keys + [accessToken] {
                            #expect(!text.contains(secret), "\(command) --output \(output) printed a secret")
                        }
                    }
                }
            }
        }
    }
}
