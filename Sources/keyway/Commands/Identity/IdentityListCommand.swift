import ArgumentParser
import Foundation
import KeywayClient

/// `keyway identity ls S [--tag k=v]… [--limit N] [--next CURSOR]`.
struct IdentityListCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List a service's identities, optionally only those carrying tags.",
        aliases: ["list"])

    @Argument(help: "The service, such as hubspot.")
    var service: String

    @OptionGroup var tagOptions: TagOptions

    @Option(help: "The most identities to list (1 to 500; Keyway's default is 50).")
    var limit: Int?

    @Option(help: "The cursor a previous page ended with.")
    var next: String?

    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        if let limit, !(1...500).contains(limit) { throw ValidationError("--limit must be between 1 and 500.") }
    }

    func run(client: KeywayClient, output: OutputFormat) async throws {
        let response = try await client.rawAnswer(
            .identities(for: service, tags: tagOptions.tags.dictionary, limit: limit, next: next))
        try output.print(response) { json in
            var text = IdentityText.table.render(json.items, empty: "No identities.")
            if let cursor = json[path: "next"]?.stringValue {
                text += "\n\nMore: " + nextPageCommand(cursor: cursor)
            }
            return text
        }
    }

    /// The command that lists the next page: the same service, tags and limit, with the cursor.
    func nextPageCommand(cursor: String) -> String {
        var words = ["keyway", "identity", "ls", service]
        for tag in tagOptions.tags { words += ["--tag", "\(tag.key)=\(tag.value)"] }
        if let limit { words += ["--limit", String(limit)] }
        words += ["--next", cursor]
        return words.map(Self.shellQuoted).joined(separator: " ")
    }

    /// A word as a POSIX shell reads it back: as it is when it is plain, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_=.,:/@%+".unicodeScalars.contains(scalar))
        }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
