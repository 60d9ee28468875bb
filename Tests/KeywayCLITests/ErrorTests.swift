import Foundation
import KeywayTestSupport
import Testing

/// Failures are one clear line on stderr, nothing on stdout, and a status that tells them apart.
@Suite("CLI: errors and exit statuses")
struct ErrorTests {
    @Test("server errors exit 1 with 'error: <code>: <message>'")
    func serverErrors() async throws {
        try await withCLI { _, cli in
            let cases: [(String, String)] = [
                ("service get nope", "error: service_not_found: No service named 'nope'.\n"),
                ("identity ls nope", "error: service_not_found: No service named 'nope'.\n"),
                ("identity get hubspot idn_x", "error: identity_not_found: Service 'hubspot' has no identity 'idn_x'.\n"),
                ("service ls --api-key kw_key_0000000000000000_wrong", "error: unauthorized: The API key is not valid.\n"),
            ]
            for (line, message) in cases {
                for output in ["table", "json"] {
                    let result = try await cli.run(line + " --output " + output)
                    #expect(result.status == 1, "\(line): \(result)")
                    #expect(result.stderr == message, "\(line)")
                    #expect(result.stdout.isEmpty, "\(line)")
                }
            }
        }
    }

    @Test("usage errors exit 2 with a message naming the problem")
    func usage() async throws {
        try await withCLI { _, cli in
            let cases: [([String], String)] = [
                (["identity", "token", "hubspot"], "Name the identity by its id or with --tag key=value."),
                (["identity", "rm", "hubspot", "idn_1", "--tag", "a=b"], "Give an identity id or --tag, not both."),
                (["identity", "ls", "hubspot", "--tag", "novalue"], "a tag is key=value"),
                (["identity", "ls", "hubspot", "--tag", "tenantId="], "needs a value"),
                (["identity", "ls", "hubspot", "--limit", "0"], "--limit must be between 1 and 500."),
                (["service", "ls", "--output", "yaml"], "yaml"),
                (["service", "frobnicate"], "frobnicate"),
                (["service", "get"], "Missing expected argument"),
                (["service", "ls", "--url", "ftp://example.com"], "is not an http:// or https:// URL."),
                (["serve", "--public-url", "keyway.example.com"], "--public-url must be an http or https URL"),
            ]
            for (arguments, fragment) in cases {
                let result = try await cli.run(arguments)
                #expect(result.status == 2, "\(arguments): \(result)")
                #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
                #expect(result.stdout.isEmpty, "\(arguments)")
            }
        }
    }

    @Test("no API key anywhere is a usage error that says where a key can come from")
    func noKey() async throws {
        try await withTemporaryDirectory { home in
            let cli = CLI(home: home)
            let result = try await cli.run("service ls")
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.hasPrefix("error: No API key: pass --api-key, set KEYWAY_API_KEY, or run 'keyway init'"))
            #expect(result.stderr.contains(home.appendingPathComponent(".keyway/profile.json").path))
        }
    }

    @Test("a Keyway that is not running exits 3: cannot reach, connection refused")
    func unreachable() async throws {
        try await withTemporaryDirectory { home in
            let cli = CLI(home: home, environment: ["KEYWAY_API_KEY": "kw_key_0000000000000000_x"])
            let start = ContinuousClock.now
            let result = try await cli.run("service ls --url http://127.0.0.1:1")
            #expect(result.status == 3, "\(result)")
            #expect(result.stderr == "error: Keyway at http://127.0.0.1:1 could not be reached for listServices: connection refused\n")
            #expect(result.stdout.isEmpty)
            #expect(ContinuousClock.now - start < .seconds(8), "it should not retry until the connect timeout")
        }
    }

    @Test("--help describes the exit statuses")
    func help() async throws {
        try await withTemporaryDirectory { home in
            let cli = CLI(home: home)
            for command in [["--help"], ["service", "--help"], ["identity", "--help"], ["key", "--help"]] {
                let result = try await cli.run(command)
                #expect(result.status == 0, "\(command): \(result)")
                let text = result.stdout.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(
                    separator: " ")
                #expect(text.contains("3 when Keyway cannot be reached"), "\(command)")
                #expect(text.contains("2 for usage or configuration errors"), "\(command)")
            }
            let remote = try await cli.run(["identity", "ls", "--help"])
            for option in ["--url", "--api-key", "--data-dir", "--output", "--tag", "--limit", "--next"] {
                #expect(remote.stdout.contains(option), "\(option)")
            }
        }
    }
}
