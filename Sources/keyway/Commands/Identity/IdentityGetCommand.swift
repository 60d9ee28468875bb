import ArgumentParser
import KeywayClient

/// `keyway identity get S ID`: tags, status and times; never tokens.
struct IdentityGetCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show an identity: its tags, status, metadata and times (never its tokens).")

    @Argument(help: "The service, such as hubspot.")
    var service: String

    @Argument(help: "The identity's id.")
    var id: String

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.identity(for: service, id: id))) { json in
            Details.render(json, order: IdentityText.order)
        }
    }
}
