import ArgumentParser
import KeywayClient

/// `keyway provider ls`.
struct ProviderListCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List the providers in the catalog.", aliases: ["list"])

    @Option(help: "Only entries of this auth mode: oauth2, oauth2_client_credentials, api_key or basic.")
    var authMode: String?

    @OptionGroup var remote: RemoteOptions

    @Option(help: "Only providers whose id or name contains this text (ignoring case).")
    var search: String?

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.providers(search: search, authMode: authMode))) { json in
            Table(columns: [
                ("ID", "id"), ("NAME", "displayName"), ("PKCE", "pkce"), ("CLIENT AUTH", "tokenAuthMethod"),
                ("REFRESH TOKENS", "refreshTokens"), ("PARAMS", "params"),
            ]).render(
                json.items, empty: search.map { "No provider matches '\($0)'." } ?? "The catalog is empty.")
        }
    }
}
