import Foundation
import Testing

/// The whole path a user takes: `keyway init`, `keyway serve --sandbox` as a real process, and the remote
/// commands finding the admin key in the profile that init wrote.
@Suite("CLI: against keyway serve")
struct ServeEndToEndTests {
    @Test("init, serve --sandbox, then service, provider and key commands with the profile's key")
    func endToEnd() async throws {
        try await withTemporaryDirectory { home in
            let data = home.appendingPathComponent("data")
            let local = CLI(home: home)
            let initialized = try await local.run(["init", "--data-dir", data.path, "--output", "json"])
            #expect(initialized.status == 0, "\(initialized)")
            let adminKey = try #require(initialized.object?["apiKey"] as? String)

            let server = try BackgroundProcess(
                local, ["serve", "--data-dir", data.path, "--port", "0", "--sandbox", "--log-level", "error"])
            do {
                let url = try await server.waitForLine(startingWith: "Keyway is listening on ")
                _ = try await server.waitForLine(startingWith: "The sandbox HubSpot is served at")
                // The URL from the environment, the key from the profile in the data folder.
                let cli = CLI(home: home, environment: ["KEYWAY_URL": url, "KEYWAY_DATA_DIR": data.path])

                let services = try await cli.run("service ls --output json")
                #expect(services.status == 0, "\(services)")
                #expect(services.items.first?["callbackUrl"] as? String == url + "/v1/oauth/callback")
                let providers = try await cli.run("provider get hubspot --output json")
                #expect(providers.object?["id"] as? String == "hubspot", "\(providers)")
                let identities = try await cli.run("identity ls hubspot")
                #expect(identities.trimmedOutput == "No identities.", "\(identities)")
                let keys = try await cli.run("key ls --output json")
                #expect(keys.items.compactMap { $0["name"] as? String } == ["admin"], "\(keys)")
                #expect(!keys.stdout.contains(adminKey))
                #expect(!server.printed.contains(adminKey), "serve printed the admin key of an initialized folder")
            } catch {
                await server.terminate()
                throw error
            }
            await server.terminate()
        }
    }
}
