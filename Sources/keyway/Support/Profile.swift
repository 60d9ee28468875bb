import Foundation

/// What `keyway init` writes for the CLI and the SDK (which reads it: `KeywayClient.fromOptions`,
/// `KeywayClient.fromEnvironment`): where Keyway listens and an admin API key.
struct Profile: Codable {
    var url: String
    var apiKey: String

    /// Writes the profile with mode 0600, replacing any previous one.
    func write(to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        try? FileManager.default.removeItem(at: file)
        guard FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600])
        else {
            throw CLIError("Could not write the profile at \(file.path).")
        }
    }
}
