import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import KeywayCore
import KeywaySandbox
import KeywaySandboxHosting
import KeywayServer
import KeywayStore
import Logging
import NIOCore
import ServiceLifecycle

/// `keyway serve`: runs the HTTP server over the data folder.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run Keyway. With --sandbox it also serves a fake HubSpot and configures the 'hubspot' service.")

    @Option(help: "The data folder (default: $KEYWAY_DATA_DIR or ~/.keyway); initialized on first use.")
    var dataDir: String?

    @Option(
        help: ArgumentHelp(
            "The database: an SQLite file, or postgres://user:password@host:port/database shared by several replicas.",
            discussion: "Default: $KEYWAY_DATABASE, else keyway.db in the data folder."))
    var database: String?

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The address browsers and providers reach (default: http://<host>:<port>).")
    var publicUrl: String?

    @Flag(help: "Serve the sandbox HubSpot under /sandbox/hubspot and point the 'hubspot' service at it.")
    var sandbox = false

    @Option(help: "Lifetime of sandbox access tokens, in seconds.")
    var sandboxTokenTtl: Double = 1800

    @Flag(help: "Make the sandbox issue a new refresh token on every refresh.")
    var sandboxRotateRefreshTokens = false

    @Flag(help: "Show Keyway's connect page before the provider (which app, which provider, Continue), and a page with a way back to the app when a connect flow ends without a connection.")
    var connectPage = false

    @Option(help: "Seconds a connect link stays valid.")
    var sessionLifetime: Double = 600

    @Option(help: "Seconds between passes that refresh identities ahead of need.")
    var refreshInterval: Double = 30

    @Option(help: "Refresh identities not written for this many seconds, so refresh tokens do not lapse (default 14 days).")
    var refreshIdleAfter: Double = 14 * 86_400

    @Option(help: "Refresh a token that expires within this many seconds before handing it out.")
    var refreshMargin: Double = 300

    @Flag(
        help: ArgumentHelp(
            "Allow services' URLs on loopback, link-local and private addresses.",
            discussion: "By default such URLs are refused, so that an API key cannot reach internal services through the proxy. --sandbox allows its own sandbox's URLs without this."))
    var allowPrivateUrls = false

    @Option(help: "Seconds one exchange with a provider's token endpoint may take, head and body together.")
    var tokenTimeout: Double = 30

    @Option(help: "Seconds one proxied call may spend upstream, retries and the streamed answer's body included.")
    var proxyTimeout: Double = 300

    @Option(help: "How many identities a pass of refreshing ahead refreshes at once.")
    var refreshConcurrency: Int = 4

    @Option(
        help: """
            Seconds an identity read for a token or a proxied call is served from memory before it is read again: \
            how long another replica's delete or refresh may take to be seen here (0 turns the cache off).
            """)
    var identityCacheLifetime: Double = 1

    @Option(help: "Seconds one webhook delivery attempt may take.")
    var webhookTimeout: Double = 10

    @Option(help: .hidden)
    var webhookRetryBase: Double = 5

    @Option(help: .hidden)
    var webhookPollInterval: Double = 1

    @Option(help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Option(help: "text, or json for one JSON object per line (time, level, message, metadata with the request id).")
    var logFormat: String = "text"

    @Option(
        help: ArgumentHelp(
            "Serve GET /metrics on this port instead of the API port (0 picks a free one).",
            discussion: "Without it, /metrics is on the API port, without an API key: it holds no ids, tags or secrets."))
    var metricsPort: Int?

    @Option(help: "How long the audit log keeps entries: a number with d, h, m or s (90d), or 'forever'.")
    var auditRetention: String = "90d"

    @Option(
        name: .customLong("audit"),
        help: "on, or off to record no audit log (GET /v1/audit is then not served: 404).")
    var auditSwitch: String = "on"

    @Option(
        name: .customLong("metrics"),
        help: "on, or off to count nothing (GET /metrics is then not served: 404; --metrics-port is refused).")
    var metricsSwitch: String = "on"

    @Option(help: .hidden)
    var webhookLeaseMargin: Double = 30

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("Unknown log level '\(logLevel)'.") }
        // Every duration is bounded, so that converting it to milliseconds cannot trap.
        let tenYears = 10 * 365 * 86_400.0
        guard (0.001...tenYears).contains(refreshInterval), (0.001...tenYears).contains(refreshIdleAfter) else {
            throw ValidationError("--refresh-interval and --refresh-idle-after must be positive, at most ten years.")
        }
        guard (0...tenYears).contains(refreshMargin) else {
            throw ValidationError("--refresh-margin must be between 0 and ten years.")
        }
        guard (0.001...86_400).contains(tokenTimeout), (0.001...86_400).contains(proxyTimeout) else {
            throw ValidationError("--token-timeout and --proxy-timeout must be positive, at most 86400 seconds.")
        }
        guard (0.001...3600).contains(webhookTimeout), (0.001...3600).contains(webhookRetryBase),
            (0.001...3600).contains(webhookPollInterval)
        else {
            throw ValidationError("--webhook-timeout must be positive, at most 3600 seconds.")
        }
        guard (0...3600).contains(identityCacheLifetime) else {
            throw ValidationError("--identity-cache-lifetime must be between 0 and 3600 seconds.")
        }
        guard refreshConcurrency > 0 else { throw ValidationError("--refresh-concurrency must be positive.") }
        guard (0.001...tenYears).contains(sandboxTokenTtl) else {
            throw ValidationError("--sandbox-token-ttl must be positive, at most ten years.")
        }
        guard (1...86_400).contains(sessionLifetime) else {
            throw ValidationError("--session-lifetime must be between 1 second and a day.")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        if let metricsPort, !(0...65535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be between 0 and 65535.")
        }
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be text or json.") }
        guard ["on", "off"].contains(auditSwitch), ["on", "off"].contains(metricsSwitch) else {
            throw ValidationError("--audit and --metrics must be on or off.")
        }
        if metricsSwitch == "off" && metricsPort != nil {
            throw ValidationError("--metrics-port needs --metrics on.")
        }
        guard (0.001...3600).contains(webhookLeaseMargin) else {
            throw ValidationError("--webhook-lease-margin must be positive, at most 3600 seconds.")
        }
        guard RetentionOption.parse(auditRetention) != nil else {
            throw ValidationError("--audit-retention must be a number with d, h, m or s (such as 90d), or 'forever'.")
        }
        if let publicUrl, ListenAddress.validatePublicURL(publicUrl) == nil {
            throw ValidationError(
                "--public-url must be an http or https URL with a host and no query, such as https://keyway.example.com.")
        }
    }

    func run() async throws {
        if logFormat == "json" {
            LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        } else {
            LoggingSystem.bootstrap { TextLogHandler(label: $0) }
        }
        defer { LogOutput.standardError.flush() }
        var logger = Logger(label: "keyway")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let directory = try DataDirectory(dataDir, database: database)
        let initialURL = publicUrl ?? ListenAddress.url(host: host, port: port)
        let (store, firstRun) = try await Self.openStore(directory, url: initialURL, logger: logger)
        var clientConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60)))
        clientConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
        var configuration = KeywayConfiguration(
            publicURL: initialURL, refreshMargin: refreshMargin, sessionLifetime: sessionLifetime, proxyTimeout: .milliseconds(Int64(proxyTimeout * 1000)),
            outboundURLs: allowPrivateUrls ? .anyAddress : .publicAddressesOnly,
            dashboardPassKey: store.dashboardPassKey)
        configuration.tokenTimeout = .milliseconds(Int64(tokenTimeout * 1000))
        configuration.refreshAheadConcurrency = refreshConcurrency
        configuration.identityCacheLifetime = .milliseconds(Int64(identityCacheLifetime * 1000))
        configuration.webhookTimeout = .milliseconds(Int64(webhookTimeout * 1000))
        configuration.webhookRetry.base = webhookRetryBase
        configuration.webhookLeaseMargin = .milliseconds(Int64(webhookLeaseMargin * 1000))
        configuration.connectPage = connectPage
        let metrics = KeywayMetrics(enabled: metricsSwitch == "on")
        configuration.observer = metrics
        let keyway = Keyway(store: store, httpClient: httpClient, configuration: configuration, logger: logger)
        let retention = RetentionOption.parse(auditRetention) ?? nil
        let audit =
            auditSwitch == "on" ? AuditLog(store: store, retention: retention, metrics: metrics, logger: logger) : nil
        var services: [any ServiceLifecycle.Service] = [
            RefreshAheadService(
                keyway: keyway, interval: .milliseconds(Int64(refreshInterval * 1000)),
                idleAfter: .milliseconds(Int64(refreshIdleAfter * 1000)), logger: logger),
            WebhookDeliveryService(
                keyway: keyway, interval: .milliseconds(Int64(webhookPollInterval * 1000)), logger: logger),
        ]
        if let audit { services.append(audit) }
        if let metricsPort {
            services.append(
                Application(
                    router: KeywayRouter.metricsRouter(metrics),
                    configuration: .init(address: .hostname(host, port: metricsPort), serverName: "Keyway"),
                    onServerRunning: { [host] channel in
                        let url = ListenAddress.url(host: host, port: channel.localAddress?.port ?? 0)
                        Console.line("Metrics are served at \(url)/metrics")
                    },
                    logger: logger))
        }
        let sandboxHubSpot =
            sandbox
            ? SandboxHubSpot(
                options: SandboxOptions(
                    tokenLifetime: .milliseconds(Int64(sandboxTokenTtl * 1000)),
                    rotateRefreshTokens: sandboxRotateRefreshTokens))
            : nil
        let router = KeywayRouter.make(
            keyway: keyway, metrics: metrics, metricsOnMainPort: metricsPort == nil, audit: audit)
        if let sandboxHubSpot { SandboxService.mount(sandboxHubSpot, on: router) }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "Keyway"),
            services: services,
            onServerRunning: { [publicUrl, host, firstRun, logger] channel in
                let boundPort = channel.localAddress?.port ?? 0
                let listening = ListenAddress.url(host: host, port: boundPort)
                if publicUrl == nil { keyway.publicURL = listening }
                await Self.announce(
                    keyway: keyway, listening: listening, sandbox: sandboxHubSpot, firstRun: firstRun,
                    directory: directory, logger: logger)
            },
            logger: logger)
        do {
            try await app.runService()
        } catch {
            try? await httpClient.shutdown()
            try? await store.close()
            throw error
        }
        try await httpClient.shutdown()
        try await store.close()
    }

    /// Opens the store, initializing on first use: an SQLite data folder without its file, or a PostgreSQL
    /// database without any API key (the first replica to start creates the admin key and the profile).
    private static func openStore(_ directory: DataDirectory, url: String, logger: Logger) async throws
        -> (SQLStore, Initializer.Result?)
    {
        switch directory.database {
        case .sqlite:
            var firstRun: Initializer.Result?
            if !directory.hasSQLiteFile {
                firstRun = try await Initializer.initialize(directory, url: url, logger: logger)
            }
            return (try await directory.openStore(logger: logger), firstRun)
        case .postgres:
            try Initializer.prepare(directory)
            let store = try await directory.openStore(logger: logger)
            do {
                // Under a lock, so that replicas starting at once on an empty database create one admin key.
                let firstRun = try await store.database.withExclusiveLock("admin-key", wait: true) {
                    () async throws -> Initializer.Result? in
                    guard try await store.apiKeys().isEmpty else { return nil }
                    return try await Initializer.createAdmin(in: store, directory: directory, url: url)
                }
                return (store, firstRun ?? nil)
            } catch {
                try? await store.close()
                throw error
            }
        }
    }

    private static func announce(
        keyway: Keyway, listening: String, sandbox: SandboxHubSpot?, firstRun: Initializer.Result?,
        directory: DataDirectory, logger: Logger
    ) async {
        Console.line("Keyway is listening on \(listening)")
        if keyway.publicURL != listening { Console.line("Public URL: \(keyway.publicURL)") }
        Console.line("Data folder: \(directory.url.path)")
        Console.line("Database: \(directory.database)")
        Console.line("Dashboard: \(keyway.publicURL)/dashboard (sign in with an admin API key)")
        if let firstRun {
            Console.line("Admin API key (shown once, also saved in \(directory.profileURL.path)):")
            Console.line("  \(firstRun.apiKey)")
        }
        guard let sandbox else { return }
        let sandboxURL = keyway.publicURL + KeywayRouter.sandboxPath
        // The sandbox is served by this process: its own URLs are allowed even on loopback, and nothing else is.
        keyway.allowPrivateURLs(under: sandboxURL)
        do {
            try await SandboxService.configure(on: keyway, sandbox: sandbox, sandboxURL: sandboxURL)
        } catch {
            logger.error("could not configure the sandbox service", metadata: ["error": "\(error)"])
            return
        }
        Console.line(Walkthrough.text(publicURL: keyway.publicURL, profile: directory.profileURL.path))
    }
}
