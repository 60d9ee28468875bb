import ArgumentParser

/// `keyway provider ls`.
struct ProviderListCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List the providers in the catalog.", aliases: ["list"])

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayAPIClient, output: OutputFormat) async throws {
        try output.print(try await client.providers()) { json in
            Table(columns: [
                ("ID", "id"), ("NAME", "displayName"), ("PKCE", "pkce"), ("CLIENT AUTH", "tokenAuthMethod"),
                ("REFRESH TOKENS", "refreshTokens"), ("PARAMS", "params"),
            ]).render(json.items, empty: "The catalog is empty.")
        }
    }
}
