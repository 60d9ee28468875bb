import ArgumentParser

/// `keyway key create [--name N]`: prints the new key, once.
struct KeyCreateCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an API key and print it (it is shown this once).")

    @Option(help: "A label for the key, such as the app or person using it.")
    var name = "cli"

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayAPIClient, output: OutputFormat) async throws {
        try output.print(try await client.createKey(name: name)) { json in
            let id = json[path: "id"]?.displayText ?? "-"
            let key = json[path: "key"]?.displayText ?? "-"
            return """
                Created API key \(id) named '\(name)'. The key is shown this once; store it now:
                \(key)
                """
        }
    }
}
