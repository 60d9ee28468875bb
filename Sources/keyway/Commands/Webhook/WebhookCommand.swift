import ArgumentParser
import KeywayClient

/// `keyway webhook`: endpoints that receive signed identity events, and their deliveries.
struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Register, list and delete webhook endpoints; list and redeliver their deliveries.",
        discussion: """
            Events: identity.created, identity.reconnected, identity.refresh_failed, identity.deleted, and \
            identity.refreshed (opt-in). The endpoint secret (whsec_…) is shown once, by 'webhook add'.

            \(ExitStatus.helpText)
            """,
        subcommands: [
            WebhookAddCommand.self, WebhookListCommand.self, WebhookRemoveCommand.self, WebhookDeliveriesCommand.self,
            WebhookRedeliverCommand.self, WebhookEnableCommand.self,
        ])
}

/// `keyway webhook add URL [--event E]... [--description D]`.
struct WebhookAddCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Register a webhook endpoint and print its secret (shown this once).")

    @Argument(help: "Where events are POSTed (https; http on loopback).")
    var url: String

    @Option(name: .customLong("event"), help: "An event to receive (repeat; default: all but identity.refreshed).")
    var events: [String] = []

    @Option(help: "A note on what the endpoint is for.")
    var description: String?

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        let answer = try await client.rawAnswer(
            .createWebhook(url: url, events: events.isEmpty ? nil : events, description: description))
        try output.print(answer) { json in
            let id = json[path: "id"]?.displayText ?? "-"
            let secret = json[path: "secret"]?.displayText ?? "-"
            return """
                Created webhook \(id) for \(url). Its signing secret is shown this once; store it now:
                \(secret)
                """
        }
    }
}

/// `keyway webhook ls`.
struct WebhookListCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List the webhook endpoints (never their secrets).", aliases: ["list"])

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.webhooks)) { json in
            Table(columns: [("ID", "id"), ("URL", "url"), ("ENABLED", "enabled"), ("CREATED", "createdAt")])
                .render(json.items, empty: "No webhook endpoints.")
        }
    }
}

/// `keyway webhook rm ID`.
struct WebhookRemoveCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Delete a webhook endpoint and its deliveries.", aliases: ["remove"])

    @Argument(help: "The endpoint's id ('keyway webhook ls').")
    var id: String

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.deleteWebhook(id))) { _ in "Deleted webhook \(id)." }
    }
}

/// `keyway webhook deliveries ID`.
struct WebhookDeliveriesCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries", abstract: "List an endpoint's latest deliveries (--output json for every attempt).")

    @Argument(help: "The endpoint's id.")
    var id: String

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.webhookDeliveries(id))) { json in
            Table(columns: [
                ("ID", "id"), ("EVENT", "eventType"), ("STATE", "state"), ("NEXT ATTEMPT", "nextAttemptAt"),
                ("CREATED", "createdAt"),
            ]).render(json.items, empty: "No deliveries.")
        }
    }
}

/// `keyway webhook redeliver DELIVERY`.
struct WebhookRedeliverCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeliver", abstract: "Send a delivery again (same webhook-id).")

    @Argument(help: "The delivery's id ('keyway webhook deliveries').")
    var id: String

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.redeliverWebhook(delivery: id))) { _ in "Delivery \(id) will be sent again." }
    }
}

/// `keyway webhook enable ID`.
struct WebhookEnableCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Enable an endpoint again after a 410 disabled it (new events only).")

    @Argument(help: "The endpoint's id ('keyway webhook ls').")
    var id: String

    @OptionGroup var remote: RemoteOptions

    func run(client: KeywayClient, output: OutputFormat) async throws {
        try output.print(try await client.rawAnswer(.enableWebhook(id))) { _ in "Enabled webhook \(id)." }
    }
}
