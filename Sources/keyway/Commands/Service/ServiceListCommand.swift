import ArgumentParser
import KeywayClient

/// `keyway service ls`.
struct ServiceListCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List the services.", aliases: ["list"])

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.services)) { json in
            ServiceText.table.render(json.items, empty: "No services. Create one with 'keyway service set'.")
        }
    }
}
