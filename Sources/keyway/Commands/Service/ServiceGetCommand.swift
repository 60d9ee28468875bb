import ArgumentParser
import KeywayClient

/// `keyway service get S`: one service and the callback URL to register with its provider.
struct ServiceGetCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show a service and the callback URL to register with the provider.")

    @Argument(help: "The service, such as hubspot.")
    var service: String

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.service(service)), table: ServiceText.details)
    }
}
