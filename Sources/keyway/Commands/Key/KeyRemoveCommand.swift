import ArgumentParser
import KeywayClient

/// `keyway key rm ID`.
struct KeyRemoveCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete an API key; requests presenting it get 401 from then on.",
        discussion: "With --output json nothing is printed on success (Keyway answers 204).",
        aliases: ["remove"])

    @Argument(help: "The key's id, such as key_0123456789abcdef ('keyway key ls').")
    var id: String

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.deleteKey(id))) { _ in "Deleted API key \(id)." }
    }
}
