import ArgumentParser
import KeywayClient

/// `keyway identity token S ID` or `keyway identity token S --tag k=v…`: a fresh access token.
///
/// With `identity` listing nothing secret, this and `key create` are the only commands that print secrets.
struct IdentityTokenCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Print a fresh access token (refreshed first when due), by identity id or by tags.",
        discussion: "The refresh token never leaves Keyway; this prints the access token and the provider's other fields.")

    @OptionGroup var selector: IdentitySelector

    @Flag(name: [.short, .long], help: "Print the access token alone, for scripts: TOKEN=$(keyway identity token S ID -q).")
    var quiet = false

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        let response =
            if let id = selector.id {
                try await client.rawAnswer(.token(for: selector.service, id: id))
            } else {
                try await client.rawAnswer(.token(for: selector.service, tags: selector.tags.dictionary))
            }
        if quiet {
            try OutputFormat.table.print(response) { json in json[path: "accessToken"]?.stringValue ?? "" }
            return
        }
        try output.print(response) { json in
            Details.render(json, order: ["identityId", "accessToken", "expiresAt"], expanding: ["native"])
        }
    }
}
