import ArgumentParser
import KeywayClient

/// `keyway provider get P`.
struct ProviderGetCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show how a provider does OAuth: URLs, parameters, PKCE, client authentication.")

    @Argument(help: "The provider, such as hubspot.")
    var provider: String

    @OptionGroup var remote: RemoteOptions

    static let order = [
        "id", "displayName", "authorizationUrl", "tokenUrl", "refreshUrl", "apiBaseUrl", "params", "paramDefaults",
        "paramValues", "callbackParams", "defaultScopes", "scopeSeparator", "pkce", "tokenAuthMethod", "refreshTokens", "defaultTokenLifetime",
        "docsUrl", "notes",
    ]

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.provider(provider))) { json in
            Details.render(json, order: Self.order)
        }
    }
}
