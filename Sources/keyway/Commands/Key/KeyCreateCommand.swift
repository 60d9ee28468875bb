import ArgumentParser
import KeywayClient

/// `keyway key create [--name N] [--scope S]… [--service S]… [--tag k=v]… [--expires-in 30d]`: prints the new
/// key, once.
struct KeyCreateCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an API key and print it (it is shown this once).",
        discussion: """
            Scopes: tokens:read (tokens and the proxy), identities:read, identities:write (sessions, deleting \
            identities), services:write, keys:write, admin (everything, and the dashboard). Without --scope, \
            --service or --tag, the new key gets the scopes and limits of the key that creates it; a key never \
            makes a key with more than it holds.
            """)

    @Option(help: "A label for the key, such as the app or person using it.")
    var name = "cli"

    @Option(
        name: .customLong("scope"),
        help: ArgumentHelp("A scope the key carries (repeatable, or comma-separated).", valueName: "scope"))
    var scopes: [String] = []

    @Option(
        name: .customLong("service"),
        help: ArgumentHelp("Limit the key to this service (repeatable).", valueName: "service"))
    var services: [String] = []

    @Option(
        name: .customLong("tag"),
        help: ArgumentHelp(
            "Limit the key to identities carrying this tag (repeatable; all must match).", valueName: "key=value"),
        transform: TagPair.parse)
    var tags: [TagPair] = []

    @Option(
        help: ArgumentHelp("Expire the key after this long, such as 30d, 12h or 2w.", valueName: "lifetime"),
        transform: LifetimeArgument.parse)
    var expiresIn: Double?

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        let call = KeywayCall.createKey(
            name: name,
            scopes: scopes.isEmpty ? nil : scopes.flatMap { $0.split(separator: ",").map(String.init) },
            services: services.isEmpty ? nil : services,
            tags: tags.isEmpty ? nil : tags.dictionary,
            expiresIn: expiresIn)
        try output.print(try await client.rawAnswer(call)) { json in
            let id = json[path: "id"]?.displayText ?? "-"
            let key = json[path: "key"]?.displayText ?? "-"
            let scopes = json[path: "scopes"]?.displayText ?? "-"
            return """
                Created API key \(id) named '\(name)' with scopes \(scopes). The key is shown this once; store it now:
                \(key)
                """
        }
    }
}
