import ArgumentParser
import KeywayCore

/// `keyway service`: the services of a running Keyway.
struct ServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "List, show, create or update, and remove services.",
        discussion: ExitStatus.helpText,
        subcommands: [
            ServiceListCommand.self, ServiceGetCommand.self, ServiceSetCommand.self, ServiceRemoveCommand.self,
        ])
}

/// How services are shown as text. No field carries a secret: the server never returns the client secret.
enum ServiceText {
    static let table = Table(columns: [
        ("ID", "id"), ("PROVIDER", "provider"), ("CLIENT ID", "clientId"), ("SCOPES", "scopes"),
        ("UPDATED", "updatedAt"),
    ])

    static let order = [
        "id", "provider", "clientId", "scopes", "authorizationParams", "authorizationUrl", "tokenUrl", "apiBaseUrl",
        "pkce", "tokenAuthMethod", "issuer", "callbackUrl", "createdAt", "updatedAt",
    ]

    /// One service, then the callback URL to register with the provider.
    static func details(_ service: JSONValue) -> String {
        var text = Details.render(service, order: order)
        if let callback = service[path: "callbackUrl"]?.stringValue {
            text += "\n\nRegister this callback (redirect) URL with the provider: \(callback)"
        }
        return text
    }
}
