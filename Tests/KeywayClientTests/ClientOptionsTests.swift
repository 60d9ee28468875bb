import Foundation
import KeywayClient
import KeywayTestSupport
import Testing

/// `KeywayClient.fromOptions`: the CLI's rule for the URL and the key, each found on its own.
@Suite("KeywayClient options (the CLI's rule)")
struct ClientOptionsTests {
    func withProfile(_ json: String?, _ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keyway-options-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        if let json { try Data(json.utf8).write(to: folder.appendingPathComponent("profile.json")) }
        try await body(folder)
    }

    @Test("option beats variable beats profile, for the URL and the key separately; the URL defaults to 127.0.0.1:8080")
    func precedence() async throws {
        try await withProfile(#"{"url":"http://profile.example:1/","apiKey":"kw_profile"}"#) { folder in
            let env = ["KEYWAY_DATA_DIR": folder.path]
            #expect(try KeywayClient.fromOptions(url: nil, apiKey: nil, dataDirectory: nil, environment: env).url
                == "http://profile.example:1")
            let mixed = try KeywayClient.fromOptions(
                url: nil, apiKey: nil, dataDirectory: nil, environment: env.merging(["KEYWAY_URL": "http://env.example"]) { $1 })
            #expect(mixed.url == "http://env.example")
            let flag = try KeywayClient.fromOptions(
                url: "https://flag.example/", apiKey: " ", dataDirectory: folder.path,
                environment: ["KEYWAY_URL": "http://env.example", "KEYWAY_API_KEY": "kw_env"])
            #expect(flag.url == "https://flag.example")
        }
        try await withProfile(nil) { folder in
            let keyOnly = try KeywayClient.fromOptions(
                url: nil, apiKey: "kw_flag", dataDirectory: folder.path, environment: ["KEYWAY_URL": ""])
            #expect(keyOnly.url == KeywayClient.defaultURL)
        }
    }

    @Test("the key each source gives is the one sent: a wrong flag wins over a right variable")
    func keySent() async throws {
        try await Harness.run { h in
            try await withProfile(#"{"url":"http://127.0.0.1:1","apiKey":"\#(h.apiKey)"}"#) { folder in
                let profileKey = try KeywayClient.fromOptions(
                    url: h.base, apiKey: nil, dataDirectory: folder.path, environment: [:], httpClient: h.http.client)
                #expect(try await profileKey.services().map(\.id) == ["hubspot"])
                let wrongFlag = try KeywayClient.fromOptions(
                    url: h.base, apiKey: "kw_key_0000000000000000_x", dataDirectory: folder.path,
                    environment: ["KEYWAY_API_KEY": h.apiKey], httpClient: h.http.client)
                let refused = await expectClientError { _ = try await wrongFlag.services() }
                #expect(refused?.status == 401)
            }
        }
    }

    @Test("no key anywhere, a URL that is not http(s), a garbled profile: configuration errors naming the problem")
    func broken() async throws {
        try await withProfile(nil) { folder in
            let none = await expectClientError {
                _ = try KeywayClient.fromOptions(url: nil, apiKey: nil, dataDirectory: folder.path, environment: [:])
            }
            #expect(none?.kind == .configuration && none?.code == "not_configured")
            #expect(none?.message == "No API key: pass --api-key, set KEYWAY_API_KEY, or run 'keyway init' to write \(folder.appendingPathComponent("profile.json").path).")
            let ftp = await expectClientError {
                _ = try KeywayClient.fromOptions(url: "ftp://example.com", apiKey: "kw_secret", dataDirectory: folder.path, environment: [:])
            }
            #expect(ftp?.code == "invalid_configuration" && ftp?.message == "'ftp://example.com' is not an http:// or https:// URL.")
        }
        try await withProfile("not json") { folder in
            let garbled = await expectClientError {
                _ = try KeywayClient.fromOptions(url: nil, apiKey: "kw_secret", dataDirectory: folder.path, environment: [:])
            }
            #expect(garbled?.code == "invalid_configuration")
            #expect(garbled?.message.contains(folder.path) == true && garbled?.message.contains("kw_secret") == false)
        }
    }
}
