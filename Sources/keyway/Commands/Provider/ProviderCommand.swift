import ArgumentParser

/// `keyway provider`: the catalog.
struct ProviderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider",
        abstract: "Browse the provider catalog.",
        discussion: ExitStatus.helpText,
        subcommands: [ProviderListCommand.self, ProviderGetCommand.self])
}
