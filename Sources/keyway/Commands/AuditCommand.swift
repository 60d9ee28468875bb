import ArgumentParser
import Foundation
import KeywayClient

/// `keyway audit [--identity ID] [--service S] [--key K] [--since T] [--limit N] [--cursor C]`: who read which
/// token, called the proxy, or changed identities, services and keys, newest first.
struct AuditCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit log, newest first (needs an admin key).",
        discussion: "With --output json the answer's 'next' is the --cursor of the following (older) page.")

    @Option(name: .customLong("identity"), help: "Only calls on this identity.")
    var identityId: String?

    @Option(name: .customLong("service"), help: "Only calls on this service.")
    var serviceId: String?

    @Option(name: .customLong("key"), help: "Only calls made with this API key id (key_…).")
    var apiKeyId: String?

    @Option(help: "Only entries at or after this RFC 3339 time, such as 2026-01-31T00:00:00Z.")
    var since: String?

    @Option(help: "How many entries (1 to 500; default 100).")
    var limit: Int?

    @Option(help: "Where the previous page ended (its 'next').")
    var cursor: String?

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        let since = try since.map { text in
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw KeywayClientError(
                    kind: .invalidArgument, code: "invalid_since",
                    message: "'since' must be an RFC 3339 time, such as 2026-01-31T00:00:00Z.")
            }
            return date
        }
        let call = KeywayCall.auditLog(
            identityId: identityId, serviceId: serviceId, apiKeyId: apiKeyId, since: since, limit: limit, cursor: cursor)
        try output.print(try await client.rawAnswer(call)) { json in
            Table(columns: [
                ("TIME", "time"), ("ACTION", "action"), ("STATUS", "status"), ("KEY", "apiKeyId"),
                ("SERVICE", "serviceId"), ("IDENTITY", "identityId"),
            ]).render(json.items, empty: "No audit entries.")
        }
    }
}
