import ArgumentParser
import KeywayClient

/// `keyway identity rm S ID` or `keyway identity rm S --tag k=v…`.
struct IdentityRemoveCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete one identity by id, or every identity carrying the given tags.",
        discussion: """
            With --output json, deleting by tags prints Keyway's {"deleted":n,"revocations":{outcome:n}}; deleting \
            by id prints nothing (Keyway answers 204) and the exit status says it worked. Both revoke each grant at \
            the provider where the catalog knows how, unless --no-revoke.
            """,
        aliases: ["remove"])

    @OptionGroup var selector: IdentitySelector

    @Flag(help: "Do not revoke the grants at the provider (deleting revokes them where the catalog knows how).")
    var noRevoke = false

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        let service = selector.service
        if let id = selector.id {
            let answer = try await client.rawAnswer(.deleteIdentity(for: service, id: id, revoke: !noRevoke))
            try output.print(answer) { _ in
                "Deleted identity \(id) of service '\(service)'."
            }
        } else {
            let answer = try await client.rawAnswer(
                .deleteIdentities(for: service, tags: selector.tags.dictionary, revoke: !noRevoke))
            try output.print(answer) { json in
                let count = json[path: "deleted"]?.stringValue ?? "0"
                return "Deleted \(count) \(count == "1" ? "identity" : "identities") of service '\(service)'."
            }
        }
    }
}
