import ArgumentParser
import KeywayClient

/// `keyway service rm S [--force]`.
struct ServiceRemoveCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a service.",
        discussion: "Keyway refuses while the service has identities, unless --force is given, which deletes them too. "
            + "With --output json nothing is printed on success (Keyway answers 204); the exit status says it worked.",
        aliases: ["remove"])

    @Argument(help: "The service.")
    var service: String

    @Flag(help: "Also delete the service's identities.")
    var force = false

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.deleteService(service, force: force))) { _ in
            "Removed service '\(service)'."
        }
    }
}
