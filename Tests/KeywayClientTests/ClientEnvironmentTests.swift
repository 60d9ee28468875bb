import Foundation
import KeywayClient
import KeywayTestSupport
import Testing

/// `KeywayClient.fromEnvironment()`: the variables, else the profile `keyway init` wrote.
@Suite("KeywayClient configuration")
struct ClientEnvironmentTests {
    /// A fresh folder, removed afterwards.
    func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keyway-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    func writeProfile(_ json: String, in folder: URL) throws {
        try Data(json.utf8).write(to: folder.appendingPathComponent("profile.json"))
    }

    @Test("KEYWAY_URL and KEYWAY_API_KEY win over a profile")
    func variables() async throws {
        try await withFolder { folder in
            try writeProfile(#"{"url":"http://127.0.0.1:1","apiKey":"from-profile"}"#, in: folder)
            let keyway = try KeywayClient.fromEnvironment(
                ["KEYWAY_URL": "http://127.0.0.1:8080/", "KEYWAY_API_KEY": "kw_key_a_b", "KEYWAY_DATA_DIR": folder.path])
            #expect(keyway.url == "http://127.0.0.1:8080")
        }
    }

    @Test("the profile in KEYWAY_DATA_DIR, else in ~/.keyway, drives a live client")
    func profile() async throws {
        try await Harness.run { h in
            try await withFolder { folder in
                try writeProfile(#"{"url":"\#(h.base)","apiKey":"\#(h.apiKey)"}"#, in: folder)
                let fromDataDir = try KeywayClient.fromEnvironment(["KEYWAY_DATA_DIR": folder.path], httpClient: h.http.client)
                #expect(fromDataDir.url == h.base)
                #expect(try await fromDataDir.services().map(\.id) == ["hubspot"])

                let home = folder.appendingPathComponent("home")
                try FileManager.default.createDirectory(
                    at: home.appendingPathComponent(".keyway"), withIntermediateDirectories: true)
                try writeProfile(#"{"url":"\#(h.base)","apiKey":"\#(h.apiKey)"}"#, in: home.appendingPathComponent(".keyway"))
                let fromHome = try KeywayClient.fromEnvironment(["HOME": home.path], httpClient: h.http.client)
                #expect(try await fromHome.services().count == 1)
            }
        }
    }

    @Test("missing, half-set or broken configuration is a configuration error with a code")
    func broken() async throws {
        try await withFolder { folder in
            let none = await expectClientError { _ = try KeywayClient.fromEnvironment(["KEYWAY_DATA_DIR": folder.path]) }
            #expect(none?.code == "not_configured")
            #expect(none?.kind == .configuration)
            #expect(none?.message.contains(folder.path) == true)

            let half = await expectClientError { _ = try KeywayClient.fromEnvironment(["KEYWAY_URL": "http://127.0.0.1:8080"]) }
            #expect(half?.code == "invalid_configuration")
            let otherHalf = await expectClientError {
                _ = try KeywayClient.fromEnvironment(["KEYWAY_API_KEY": "kw_key_secret", "KEYWAY_DATA_DIR": folder.path])
            }
            #expect(otherHalf?.code == "invalid_configuration")
            #expect(otherHalf?.message.contains("kw_key_secret") == false)

            let badURL = await expectClientError {
                _ = try KeywayClient.fromEnvironment(["KEYWAY_URL": "127.0.0.1:8080", "KEYWAY_API_KEY": "k"])
            }
            #expect(badURL?.code == "invalid_configuration")

            try writeProfile("{not json", in: folder)
            let garbled = await expectClientError { _ = try KeywayClient.fromEnvironment(["KEYWAY_DATA_DIR": folder.path]) }
            #expect(garbled?.code == "invalid_configuration")
        }
    }
}
