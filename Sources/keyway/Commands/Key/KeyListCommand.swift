import ArgumentParser
import KeywayClient

/// `keyway key ls`: ids, names, scopes, limits, expiry and last use, never keys.
struct KeyListCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List the API keys (ids and names; the keys themselves are never shown again).",
        aliases: ["list"])

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.keys)) { json in
            Table(columns: [
                ("ID", "id"), ("NAME", "name"), ("SCOPES", "scopes"), ("SERVICES", "services"), ("TAGS", "tags"),
                ("EXPIRES", "expiresAt"), ("LAST USED", "lastUsedAt"), ("CREATED", "createdAt"),
            ])
            .render(json.items, empty: "No API keys.")
        }
    }
}
