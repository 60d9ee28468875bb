import ArgumentParser

/// `keyway identity`: the identities of a service.
struct IdentityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Create, list, show and remove identities, and get a fresh access token.",
        discussion: "Tags are given as --tag key=value, repeatable; several tags must all match.\n\n"
            + ExitStatus.helpText,
        subcommands: [
            IdentityListCommand.self, IdentityGetCommand.self, IdentityTokenCommand.self, IdentityRemoveCommand.self,
            IdentityCreateCommand.self,
        ])
}

/// How identities are shown as text; identities never carry tokens.
enum IdentityText {
    static let table = Table(columns: [
        ("ID", "id"), ("STATUS", "status"), ("TAGS", "tags"), ("EXPIRES", "expiresAt"), ("UPDATED", "updatedAt"),
    ])

    static let order = [
        "id", "serviceId", "status", "statusReason", "tags", "metadata", "expiresAt", "createdAt", "updatedAt",
    ]
}

/// Repeatable `--tag key=value` options.
struct TagOptions: ParsableArguments {
    @Option(
        name: .customLong("tag"),
        help: ArgumentHelp("A tag the identity carries (repeatable; all must match).", valueName: "key=value"),
        transform: TagPair.parse)
    var tags: [TagPair] = []
}

/// An identity named by its id or by tags, for `token` and `rm`.
struct IdentitySelector: ParsableArguments {
    @Argument(help: "The service, such as hubspot.")
    var service: String

    @Argument(help: "The identity's id (or name it with --tag instead).")
    var id: String?

    @OptionGroup var tagOptions: TagOptions

    var tags: [TagPair] { tagOptions.tags }

    func validate() throws {
        switch (id, tags.isEmpty) {
        case (nil, true): throw ValidationError("Name the identity by its id or with --tag key=value.")
        case (.some, false): throw ValidationError("Give an identity id or --tag, not both.")
        default: break
        }
    }
}
