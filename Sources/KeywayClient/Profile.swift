import Foundation

/// What `keyway init` writes for the CLI and the SDK: `{"url": …, "apiKey": …}`.
struct Profile: Decodable {
    var url: String
    var apiKey: String

    /// The profile's file: `$KEYWAY_DATA_DIR/profile.json`, else `~/.keyway/profile.json`.
    static func location(environment: [String: String]) -> URL {
        if let dataDirectory = environment["KEYWAY_DATA_DIR"], !dataDirectory.isEmpty {
            let path = (dataDirectory as NSString).expandingTildeInPath
            return URL(fileURLWithPath: path, isDirectory: true).appendingPathComponent("profile.json")
        }
        let home =
            environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".keyway", isDirectory: true).appendingPathComponent("profile.json")
    }

    /// Reads the profile at `file`; nil when there is no such file.
    static func read(_ file: URL) throws(KeywayClientError) -> Profile? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        do {
            return try JSONDecoder().decode(Profile.self, from: Data(contentsOf: file))
        } catch {
            throw KeywayClientError(
                kind: .configuration, code: "invalid_configuration",
                message: "The profile at \(file.path) is not a JSON object with 'url' and 'apiKey'.")
        }
    }
}
