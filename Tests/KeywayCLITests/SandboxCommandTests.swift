import Foundation
import KeywayTestSupport
import Testing

/// `keyway sandbox`: the fake HubSpot alone, as a real process.
@Suite("CLI: keyway sandbox")
struct SandboxCommandTests {
    @Test("prints the settings to configure a service with, as JSON, and applies --token-ttl and --rotate-refresh-tokens")
    func settings() async throws {
        try await withTemporaryDirectory { home in
            let arguments = ["sandbox", "--port", "0", "--output", "json", "--token-ttl", "90", "--rotate-refresh-tokens"]
            try await BackgroundProcess.run(CLI(home: home), arguments) { server in
                _ = try await server.waitForLine(startingWith: "}")
                let printed = server.printed
                let json = try #require(printed.range(of: "{").map { String(printed[$0.lowerBound...]) })
                let settings = try #require(
                    try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String], "\(printed)")
                #expect(Set(settings.keys) == ["authorizationUrl", "tokenUrl", "apiBaseUrl", "clientId", "clientSecret"])
                let base = try #require(settings["apiBaseUrl"])
                #expect(settings["authorizationUrl"] == base + "/oauth/authorize")
                #expect(settings["tokenUrl"] == base + "/oauth/2026-03/token")
                try await HTTP.withClient { http in
                    let config = try await http.get(base + "/_config")
                    #expect(config.json["tokenLifetimeSeconds"] as? Double == 90, "\(config.body)")
                    #expect(config.json["rotateRefreshTokens"] as? Bool == true)
                    #expect(!config.body.contains(try #require(settings["clientSecret"])), "the config never shows the secret")
                    let consent = try await http.get(
                        base + "/oauth/authorize?client_id=\(settings["clientId"] ?? "")"
                            + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&scope=crm.objects.contacts.write&state=s")
                    #expect(consent.status == 200, "\(consent.body)")
                }
            }
        }
    }

    @Test("a non-positive --token-ttl is a usage error")
    func badTTL() async throws {
        try await withTemporaryDirectory { home in
            let result = try await CLI(home: home).run(["sandbox", "--token-ttl", "0"])
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("--token-ttl must be positive."))
        }
    }
}
