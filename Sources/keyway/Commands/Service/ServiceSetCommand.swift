import ArgumentParser
import KeywayClient
import enum KeywayCore.TokenAuthMethod

/// `keyway service set S …`: creates a service or updates the given fields of an existing one.
struct ServiceSetCommand: RemoteCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Create a service or update the given fields of an existing one.",
        discussion: """
            Only the fields given are sent; the others keep their value. An empty --authorization-url, \
            --token-url or --api-base-url removes that override, and --scope "" removes the scopes.
            """)

    @Argument(help: "The service, such as hubspot or hubspot-eu.")
    var service: String

    @Option(help: "The catalog provider ('keyway provider ls'), or custom.")
    var provider: String?

    @Option(help: "The OAuth client id.")
    var clientId: String?

    @Option(help: "The OAuth client secret; '-' reads it from standard input, keeping it out of the shell history.")
    var clientSecret: String?

    @Option(help: ArgumentHelp("Scopes, space-separated (repeatable).", valueName: "scopes"))
    var scope: [String] = []

    @Option(
        help: ArgumentHelp(
            "An extra authorization parameter (repeatable; the given ones replace all previous ones).",
            valueName: "key=value"))
    var authorizationParam: [String] = []

    @Option(help: "Override of the provider's authorization URL.")
    var authorizationUrl: String?

    @Option(help: "Override of the provider's token URL.")
    var tokenUrl: String?

    @Option(help: "Override of the provider's API base URL.")
    var apiBaseUrl: String?

    @Flag(inversion: .prefixedNo, help: "Whether to send PKCE (S256), overriding the provider's choice.")
    var pkce: Bool?

    @Option(help: "How the client authenticates at the token endpoint: client_secret_post or client_secret_basic.")
    var tokenAuthMethod: TokenAuthMethod?

    @Option(
        help: "The provider's RFC 9207 issuer identifier: callbacks must then carry this 'iss' (\"\" clears it).")
    var issuer: String?

    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        for parameter in authorizationParam where !parameter.contains("=") || parameter.hasPrefix("=") {
            throw ValidationError("--authorization-param takes key=value; got '\(parameter)'.")
        }
    }

    func run(client: KeywayClient, output: OutputFormat) async throws {
        let update = try makeUpdate()
        try output.print(try await client.rawAnswer(.setService(service, update)), table: ServiceText.details)
    }

    /// The fields given on the command line.
    func makeUpdate() throws -> ServiceDefinition {
        var update = ServiceDefinition()
        update.provider = provider
        update.clientId = clientId
        update.clientSecret = try clientSecret.map(Self.resolveSecret)
        if !scope.isEmpty {
            update.scopes = scope.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        }
        if !authorizationParam.isEmpty {
            var parameters: [String: String] = [:]
            for pair in authorizationParam {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                parameters[String(parts[0])] = String(parts[1])
            }
            update.authorizationParams = parameters
        }
        update.authorizationUrl = authorizationUrl
        update.tokenUrl = tokenUrl
        update.apiBaseUrl = apiBaseUrl
        update.pkce = pkce
        update.tokenAuthMethod = tokenAuthMethod?.rawValue
        update.issuer = issuer
        return update
    }

    /// The secret itself, or the first line of standard input for `-`.
    private static func resolveSecret(_ value: String) throws -> String {
        guard value == "-" else { return value }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw UsageError("--client-secret - reads the secret from standard input, which is empty.")
        }
        return line
    }
}

extension TokenAuthMethod: ExpressibleByArgument {}
