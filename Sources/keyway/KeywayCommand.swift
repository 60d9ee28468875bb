import ArgumentParser
import Foundation

/// `keyway`: run the broker, manage its data, and manage a running Keyway over its HTTP contract.
@main
struct KeywayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyway",
        abstract: "A self-hosted OAuth credential broker.",
        discussion: """
            'init' and 'serve' work on the data folder. 'service', 'identity', 'key' and 'provider' talk to a \
            running Keyway: its URL and API key come from --url/--api-key, else KEYWAY_URL/KEYWAY_API_KEY, else \
            the profile that 'keyway init' writes in the data folder.

            \(ExitStatus.helpText)
            """,
        subcommands: [
            InitCommand.self, ServeCommand.self, SandboxCommand.self, ServiceCommand.self, IdentityCommand.self,
            KeyCommand.self, WebhookCommand.self, AuditCommand.self, ProviderCommand.self, MasterKeyCommand.self,
        ])

    /// Parses and runs the command, reporting failures as one line on stderr with the statuses of
    /// ``ExitStatus`` (ArgumentParser alone would use 64 for usage errors).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            ErrorReporter.exit(with: error)
        }
    }
}
