import ArgumentParser

/// `keyway key`: the management API keys.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Create, list and delete management API keys.",
        discussion: """
            A key is shown once, by 'key create'; Keyway keeps only its hash. Keyway refuses to delete the key \
            a request is authenticated with (key_in_use): to rotate, create a key, switch to it, then delete \
            the old one.

            \(ExitStatus.helpText)
            """,
        subcommands: [KeyCreateCommand.self, KeyListCommand.self, KeyRemoveCommand.self])
}
