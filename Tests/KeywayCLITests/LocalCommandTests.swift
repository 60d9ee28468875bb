import Foundation
import KeywayTestSupport
import Testing

/// `keyway init` and `keyway serve`, which work on the data folder directly.
@Suite("CLI: init and serve")
struct LocalCommandTests {
    @Test("init --output json prints apiKey, url and dataDir, and writes master.key and the profile with mode 0600")
    func initialize() async throws {
        try await withTemporaryDirectory { home in
            let data = home.appendingPathComponent("data")
            let cli = CLI(home: home)
            let result = try await cli.run(["init", "--data-dir", data.path, "--output", "json"])
            #expect(result.status == 0, "\(result)")
            let object = try #require(result.object)
            #expect(Set(object.keys) == ["apiKey", "url", "dataDir"])
            #expect(object["url"] as? String == "http://127.0.0.1:8080")
            #expect(object["dataDir"] as? String == data.path)
            let apiKey = try #require(object["apiKey"] as? String)
            #expect(apiKey.hasPrefix("kw_key_"))

            for file in ["master.key", "profile.json"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: data.appendingPathComponent(file).path)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(file)")
            }
            let keyText = try String(contentsOf: data.appendingPathComponent("master.key"), encoding: .utf8)
            #expect(Data(base64Encoded: keyText.trimmingCharacters(in: .whitespacesAndNewlines))?.count == 32)
            let profile = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent("profile.json")))
                    as? [String: String])
            #expect(profile == ["url": "http://127.0.0.1:8080", "apiKey": apiKey])

            let again = try await cli.run(["init", "--data-dir", data.path])
            #expect(again.status == 1)
            #expect(again.stderr == "error: \(data.path) is already initialized; use it with 'keyway serve --data-dir'.\n")
        }
    }

    @Test("serve with a KEYWAY_MASTER_KEY that does not open an existing data folder exits with master_key_mismatch")
    func wrongMasterKey() async throws {
        try await withTemporaryDirectory { home in
            let data = home.appendingPathComponent("data")
            let initialized = try await CLI(home: home).run(["init", "--data-dir", data.path])
            #expect(initialized.status == 0, "\(initialized)")
            let otherKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            let cli = CLI(home: home, environment: ["KEYWAY_MASTER_KEY": otherKey])
            let served = try await cli.run(
                ["serve", "--data-dir", data.path, "--port", "0", "--log-level", "error"], timeout: 30)
            #expect(served.status == 1, "\(served)")
            #expect(served.stderr.contains("error: master_key_mismatch: "), "\(served)")
            #expect(!served.stderr.contains(otherKey))
        }
    }

    @Test(
        "init and serve --database postgres://: the admin key init printed works against the server",
        .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.skipReason))
    func postgres() async throws {
        try await PostgresTestDatabase.withDatabase { database in
            try await withTemporaryDirectory { home in
                let data = home.appendingPathComponent("data")
                let masterKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
                let local = CLI(home: home, environment: ["KEYWAY_MASTER_KEY": masterKey])
                let initialized = try await local.run(
                    ["init", "--database", database, "--data-dir", data.path, "--output", "json"])
                #expect(initialized.status == 0, "\(initialized)")
                let adminKey = try #require(initialized.object?["apiKey"] as? String)
                #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("master.key").path),
                    "with KEYWAY_MASTER_KEY set, no key file is written")
                let again = try await local.run(["init", "--database", database, "--data-dir", data.path])
                #expect(again.status == 1, "a database that holds keys is not initialized twice: \(again)")

                let arguments = ["serve", "--database", database, "--data-dir", data.path, "--port", "0", "--log-level", "error"]
                try await BackgroundProcess.run(local, arguments) { server in
                    let url = try await server.waitForLine(startingWith: "Keyway is listening on ")
                    let cli = CLI(home: home, environment: ["KEYWAY_URL": url, "KEYWAY_API_KEY": adminKey])
                    let keys = try await cli.run("key ls --output json")
                    #expect(keys.status == 0, "\(keys)")
                    #expect(keys.items.compactMap { $0["name"] as? String } == ["admin"])
                    #expect(!server.printed.contains(adminKey))
                }
            }
        }
    }
}
