import ArgumentParser

/// `keyway`: run the broker, manage its data, and serve the sandbox providers.
@main
struct KeywayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyway",
        abstract: "A self-hosted OAuth credential broker.",
        subcommands: [InitCommand.self, ServeCommand.self, SandboxCommand.self, MasterKeyCommand.self])
}
