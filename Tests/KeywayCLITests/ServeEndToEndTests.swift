import Foundation
import KeywayTestSupport
import Testing

/// The whole path a user takes: `keyway init`, `keyway serve --sandbox` as a real process, and the remote
/// commands finding the admin key in the profile that init wrote.
@Suite("CLI: against keyway serve")
struct ServeEndToEndTests {
    @Test("init, serve --sandbox, then service, provider and key commands with the profile's key")
    func endToEnd() async throws {
        try await withInitializedDataDirectory { home, data, local, adminKey in

            try await BackgroundProcess.run(
                local, ["serve", "--data-dir", data.path, "--port", "0", "--sandbox", "--log-level", "error"]
            ) { server in
                let url = try await server.waitForLine(startingWith: "Keyway is listening on ")
                _ = try await server.waitForLine(startingWith: "The sandbox HubSpot is served at")
                // The URL from the environment, the key from the profile in the data folder.
                let cli = CLI(home: home, environment: ["KEYWAY_URL": url, "KEYWAY_DATA_DIR": data.path])

                let services = try await cli.run("service ls --output json")
                #expect(services.status == 0, "\(services)")
                #expect(services.items.first?["callbackUrl"] as? String == url + "/v1/oauth/callback/hubspot")
                let providers = try await cli.run("provider get hubspot --output json")
                #expect(providers.object?["id"] as? String == "hubspot", "\(providers)")
                let identities = try await cli.run("identity ls hubspot")
                #expect(identities.trimmedOutput == "No identities.", "\(identities)")
                let keys = try await cli.run("key ls --output json")
                #expect(keys.items.compactMap { $0["name"] as? String } == ["admin"], "\(keys)")
                #expect(!keys.stdout.contains(adminKey))
                #expect(!server.printed.contains(adminKey), "serve printed the admin key of an initialized folder")
            }
        }
    }

    @Test("serve --sandbox with its switches: the HubSpot flow in a browser, a token the sandbox CRM takes")
    func sandboxFlow() async throws {
        try await withInitializedDataDirectory { home, data, local, adminKey in
            let arguments = [
                "serve", "--data-dir", data.path, "--host", "0.0.0.0", "--port", "0", "--sandbox",
                "--sandbox-token-ttl", "600", "--sandbox-rotate-refresh-tokens", "--log-level", "error",
            ]
            try await BackgroundProcess.run(local, arguments) { server in
                let url = try await server.waitForLine(startingWith: "Keyway is listening on ")
                #expect(url.hasPrefix("http://127.0.0.1:"), "a wildcard host is announced as loopback")
                try await HTTP.withClient(apiKey: adminKey) { http in
                    let config = try await http.get(url + "/sandbox/hubspot/_config", authorized: false)
                    #expect(config.json["tokenLifetimeSeconds"] as? Double == 600, "\(config.body)")
                    #expect(config.json["rotateRefreshTokens"] as? Bool == true)

                    let session = try await http.post(
                        url + "/v1/services/hubspot/sessions",
                        json: #"{"tags":{"tenantId":"contoso"},"finishedUrl":"http://127.0.0.1:9/finished"}"#)
                    #expect(session.status == 201, "\(session.body)")
                    let finished = try await Browser(http: http).walk(try #require(session.json["url"] as? String))
                    let id = try #require(queryItems(finished)["identityId"], "\(finished)")

                    let cli = CLI(home: home, environment: ["KEYWAY_URL": url, "KEYWAY_DATA_DIR": data.path])
                    let printed = try await cli.run(["identity", "token", "hubspot", id, "-q"])
                    #expect(printed.status == 0, "\(printed)")
                    let token = printed.trimmedOutput
                    let answer = try await http.get(url + "/v1/services/hubspot/identities/\(id)/token")
                    #expect(answer.json["accessToken"] as? String == token)
                    let expiresAt = try #require(answer.json["expiresAt"] as? String)
                    let expiry = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(expiresAt)
                    #expect(expiry.timeIntervalSinceNow < 601, "the sandbox's 600 s lifetime")
                    let contact = try await http.send(
                        .POST, url + "/sandbox/hubspot/crm/v3/objects/contacts",
                        body: #"{"properties":{"email":"reader@example.com"}}"#,
                        headers: [("Authorization", "Bearer \(token)")], authorized: false)
                    #expect(contact.status == 201, "\(contact.body)")
                }
            }
        }
    }
}
