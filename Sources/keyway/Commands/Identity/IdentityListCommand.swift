import ArgumentParser
import KeywayCore

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

    func run(client: KeywayAPIClient, output: OutputFormat) async throws {
        let response = try await client.identities(service: service, tags: tagOptions.tags, limit: limit, next: next)
        try output.print(response) { json in
            var text = IdentityText.table.render(json.items, empty: "No identities.")
            if let cursor = json[path: "next"]?.stringValue {
                text += "\n\nMore: keyway identity ls \(service) --next \(cursor)"
            }
            return text
        }
    }
}
