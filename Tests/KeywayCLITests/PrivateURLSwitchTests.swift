import Foundation
import KeywayTestSupport
import Testing

/// `keyway serve` refuses services' URLs on private addresses unless started with `--allow-private-urls`.
@Suite("CLI: serve and private addresses")
struct PrivateURLSwitchTests {
    static let service = """
        {"provider":"custom","clientId":"id","clientSecret":"secret","authorizationUrl":"https://crm.example.com/a",
         "tokenUrl":"http://127.0.0.1:1/token"}
        """

    @Test("by default a loopback token URL is 400 private_address; --allow-private-urls accepts it")
    func theSwitch() async throws {
        for (extra, expected) in [([String](), 400), (["--allow-private-urls"], 200)] {
            try await withInitializedDataDirectory { _, data, local, adminKey in
                let arguments = ["serve", "--data-dir", data.path, "--port", "0", "--log-level", "error"] + extra
                try await BackgroundProcess.run(local, arguments) { server in
                    let url = try await server.waitForLine(startingWith: "Keyway is listening on ")
                    try await HTTP.withClient(apiKey: adminKey) { http in
                        let answer = try await http.put(url + "/v1/services/crm", json: Self.service)
                        #expect(answer.status == expected, "\(extra): \(answer.body)")
                        if expected == 400 { #expect(answer.json["error"] as? String == "private_address") }
                    }
                }
            }
        }
    }
}

/// Absurd durations on `keyway serve`'s command line are usage errors, never a trap at start.
@Suite("CLI: serve's durations are bounded")
struct ServeDurationTests {
    @Test(
        "an absurd, infinite or NaN duration is a usage error (status 2)",
        arguments: [
            ["--refresh-interval", "1e300"], ["--refresh-idle-after", "inf"], ["--refresh-margin", "nan"],
            ["--sandbox-token-ttl", "1e20"], ["--token-timeout", "1e300"], ["--proxy-timeout=-1"],
        ])
    func absurd(arguments: [String]) async throws {
        try await withTemporaryDirectory { home in
            let result = try await CLI(home: home).run(["serve", "--port", "0"] + arguments)
            #expect(result.status == 2, "\(arguments): \(result)")
            #expect(result.stderr.contains("must be"), "\(result.stderr)")
        }
    }
}
