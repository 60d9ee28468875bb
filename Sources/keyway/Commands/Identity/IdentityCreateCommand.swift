import ArgumentParser
import Foundation
import KeywayClient

/// `keyway identity create S --tag k=v… < credentials.json`: an identity from credentials the operator holds.
struct IdentityCreateCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an identity from credentials read as JSON from standard input.",
        discussion: """
            The JSON object is shaped by the service's auth mode: {"apiKey":…}, {"username":…,"password":…}, \
            {"clientId":…,"clientSecret":…} (or {} for the service's client) or, for oauth2, an import \
            {"accessToken":…,"refreshToken":…,"expiresAt":…,"scopes":[…]}. Secrets are read from standard input \
            so that they never appear in the process list or the shell history; they are never printed.
            """)

    @Argument(help: "The service, such as sendgrid.")
    var service: String

    @OptionGroup var tagOptions: TagOptions

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        let credentials = try StandardInput.jsonObject(example: #"{"apiKey":"…"}"#)
        let answer = try await client.rawAnswer(
            .createIdentity(for: service, tags: tagOptions.tags.dictionary, credentials: credentials))
        try output.print(answer) { json in Details.render(json, order: IdentityText.order) }
    }
}
