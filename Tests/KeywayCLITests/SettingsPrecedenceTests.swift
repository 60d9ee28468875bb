import Foundation
import KeywayTestSupport
import Testing

/// `--url`/`--api-key` beat `KEYWAY_URL`/`KEYWAY_API_KEY`, which beat the profile in the data folder.
@Suite("CLI: URL and API key precedence")
struct SettingsPrecedenceTests {
    static let deadURL = "http://127.0.0.1:1"
    static let wrongKey = "kw_key_0000000000000000_wrong"

    /// Writes a profile.json into `folder`.
    static func writeProfile(_ folder: URL, url: String, apiKey: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: ["url": url, "apiKey": apiKey])
        try data.write(to: folder.appendingPathComponent("profile.json"))
    }

    @Test("each level overrides the one below, for the URL and the key independently")
    func precedence() async throws {
        try await withTemporaryDirectory { home in
            try await Harness.run { h in
                let good = home.appendingPathComponent("good")
                let bad = home.appendingPathComponent("bad")
                try Self.writeProfile(good, url: h.base, apiKey: h.apiKey)
                try Self.writeProfile(bad, url: Self.deadURL, apiKey: Self.wrongKey)
                let cases: [(String, [String: String], [String], Int32)] = [
                    ("the profile alone", ["KEYWAY_DATA_DIR": good.path], [], 0),
                    ("--data-dir names the profile", [:], ["--data-dir", good.path], 0),
                    ("--data-dir beats KEYWAY_DATA_DIR", ["KEYWAY_DATA_DIR": bad.path], ["--data-dir", good.path], 0),
                    ("KEYWAY_URL beats the profile's URL", ["KEYWAY_DATA_DIR": bad.path, "KEYWAY_URL": h.base, "KEYWAY_API_KEY": h.apiKey], [], 0),
                    ("KEYWAY_API_KEY beats the profile's key", ["KEYWAY_DATA_DIR": bad.path, "KEYWAY_URL": h.base, "KEYWAY_API_KEY": h.apiKey], [], 0),
                    ("the profile's key is used when only the URL is overridden", ["KEYWAY_DATA_DIR": good.path, "KEYWAY_URL": h.base], [], 0),
                    ("--url beats KEYWAY_URL", ["KEYWAY_DATA_DIR": good.path, "KEYWAY_URL": Self.deadURL], ["--url", h.base], 0),
                    ("--api-key beats KEYWAY_API_KEY", ["KEYWAY_DATA_DIR": good.path, "KEYWAY_API_KEY": Self.wrongKey], ["--api-key", h.apiKey], 0),
                    ("--url and --api-key beat a wrong profile", ["KEYWAY_DATA_DIR": bad.path], ["--url", h.base, "--api-key", h.apiKey], 0),
                    ("a wrong --api-key wins over a right KEYWAY_API_KEY", ["KEYWAY_DATA_DIR": good.path, "KEYWAY_API_KEY": h.apiKey], ["--api-key", Self.wrongKey], 1),
                    ("a dead --url wins over a right KEYWAY_URL", ["KEYWAY_DATA_DIR": good.path, "KEYWAY_URL": h.base], ["--url", Self.deadURL], 3),
                    ("a wrong KEYWAY_API_KEY wins over a right profile", ["KEYWAY_DATA_DIR": good.path, "KEYWAY_API_KEY": Self.wrongKey], [], 1),
                    ("a dead KEYWAY_URL wins over a right profile", ["KEYWAY_DATA_DIR": good.path, "KEYWAY_URL": Self.deadURL], [], 3),
                ]
                for (name, environment, options, expected) in cases {
                    let cli = CLI(home: home, environment: environment)
                    let result = try await cli.run(["service", "ls", "--output", "json"] + options)
                    #expect(result.status == expected, "\(name): \(result)")
                    if expected == 0 { #expect(result.items.count == 1, "\(name)") }
                }
            }
        }
    }

    @Test("a profile that is not JSON is a usage error naming the file")
    func badProfile() async throws {
        try await withTemporaryDirectory { home in
            let folder = home.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("not json".utf8).write(to: folder.appendingPathComponent("profile.json"))
            let result = try await CLI(home: home).run(["service", "ls", "--data-dir", folder.path])
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains(folder.appendingPathComponent("profile.json").path))
        }
    }
}
