import ArgumentParser
import Foundation
import Hummingbird
import KeywaySandbox
import KeywayServer
import Logging

/// `keyway sandbox`: the fake HubSpot alone, on its own port.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Serve the sandbox HubSpot alone and print how to configure a service against it.")

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8090

    @Option(help: "Lifetime of access tokens, in seconds.")
    var tokenTtl: Double = 1800

    @Flag(help: "Issue a new refresh token on every refresh.")
    var rotateRefreshTokens = false

    @Option(help: "table or json.")
    var output: OutputFormat = .table

    struct Settings: Encodable {
        let authorizationUrl: String
        let tokenUrl: String
        let apiBaseUrl: String
        let clientId: String
        let clientSecret: String
    }

    func validate() throws {
        // Bounded, so that converting it to milliseconds cannot trap.
        guard tokenTtl > 0, tokenTtl <= 10 * 365 * 86_400 else {
            throw ValidationError("--token-ttl must be positive. It is at most ten years.")
        }
    }

    func run() async throws {
        var logger = Logger(label: "keyway-sandbox")
        logger.logLevel = .warning
        let sandbox = SandboxHubSpot(
            options: SandboxOptions(
                tokenLifetime: .milliseconds(Int64(tokenTtl * 1000)), rotateRefreshTokens: rotateRefreshTokens))
        let router = Router()
        sandbox.addRoutes(to: router.group())
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "Keyway sandbox"),
            onServerRunning: { [host, output] channel in
                let base = ListenAddress.url(host: host, port: channel.localAddress?.port ?? 0)
                let settings = Settings(
                    authorizationUrl: base + "/oauth/authorize", tokenUrl: base + "/oauth/2026-03/token",
                    apiBaseUrl: base, clientId: sandbox.options.clientId, clientSecret: sandbox.options.clientSecret)
                if output == .table {
                    Console.line("Sandbox HubSpot listening on \(base). Configure a service with:")
                }
                try? JSONOutput.print(settings)
            },
            logger: logger)
        try await app.runService()
    }
}
