import ArgumentParser

/// `keyway key ls`: ids, names and creation times, never keys.
struct KeyListCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List the API keys (ids and names; the keys themselves are never shown again).",
        aliases: ["list"])

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayAPIClient, output: OutputFormat) async throws {
        try output.print(try await client.keys()) { json in
            Table(columns: [("ID", "id"), ("NAME", "name"), ("CREATED", "createdAt")])
                .render(json.items, empty: "No API keys.")
        }
    }
}
