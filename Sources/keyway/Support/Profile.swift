import Foundation

/// What `keyway init` writes for the CLI and the SDK: where Keyway listens and an admin API key.
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

    /// What a profile file may hold; either field may be missing.
    struct Contents: Decodable {
        var url: String?
        var apiKey: String?
    }

    /// The profile at `file`, or nil when there is none.
    static func read(from file: URL) throws -> Contents? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        do {
            return try JSONDecoder().decode(Contents.self, from: data)
        } catch {
            throw UsageError("The profile \(file.path) is not a JSON object with 'url' and 'apiKey'.")
        }
    }
}
