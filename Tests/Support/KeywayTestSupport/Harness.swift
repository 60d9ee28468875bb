import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import KeywayCore
import KeywaySandbox
import KeywaySandboxHosting
import KeywayServer
import KeywayStore
import Logging
import Testing

/// A live Keyway with the sandbox HubSpot mounted on the same loopback port, an SQLite store in a fresh
/// data folder, an admin API key and the `hubspot` service configured, as `keyway serve --sandbox` runs it.
/// Generic sandbox providers, when given, are mounted beside it under `/sandbox/generic/<name>`.
public struct Harness: Sendable {
    public let keyway: Keyway
    public let sandbox: SandboxHubSpot
    /// The generic sandboxes, by the name they are mounted under.
    public let generic: [String: SandboxGeneric]
    public let store: SQLStore
    public let http: HTTP
    public let base: String
    public let clock: TestClock
    public let logs: LogCapture
    public let dataDirectory: URL
    public let apiKey: String
    /// The metrics `GET /metrics` serves.
    public let metrics: KeywayMetrics
    /// The audit log `GET /v1/audit` reads (stamped with ``clock``).
    public let audit: AuditLog

    public var sandboxURL: String { base + KeywayRouter.sandboxPath }
    public var api: String { base + "/v1" }

    /// Where the generic sandbox mounted under `name` is served: its root, which is also its API base URL.
    public func genericURL(_ name: String) -> String { base + Self.genericPath(name) }

    /// The path a generic sandbox is mounted under.
    public static func genericPath(_ name: String) -> String { "/sandbox/generic/\(name)" }

    /// Runs `body` against a fresh Keyway.
    ///
    /// - Parameters:
    ///   - options: how the sandbox HubSpot behaves.
    ///   - sessionLifetime: how long sessions last.
    ///   - proxyRetry: how the proxy retries rate-limited answers.
    ///   - catalog: the providers services may name (tests may add entries of their own).
    ///   - generic: generic sandbox providers to mount under `/sandbox/generic/<name>` (a name may hold `/`).
    ///   - outboundURLs: which addresses services' URLs may name; the sandboxes listen on loopback, so any by
    ///     default.
    ///   - tokenTimeout, proxyTimeout: the deadlines of exchanges with providers.
    ///   - postgresURL: a PostgreSQL database to use instead of an SQLite file.
    public static func run(
        sandbox options: SandboxOptions = .init(), sessionLifetime: TimeInterval = 600,
        proxyRetry: ProxyRetryPolicy = .init(),
        catalog: ProviderCatalog = .bundled, generic: [String: SandboxGeneric] = [:],
        outboundURLs: OutboundURLPolicy = .anyAddress,
        tokenTimeout: Duration = .seconds(30), proxyTimeout: Duration = .seconds(300), postgresURL: String? = nil,
        connectPage: Bool = false,
        _ body: @escaping @Sendable (Harness) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "keyway-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let logs = LogCapture()
        let clock = TestClock()
        let store =
            if let postgresURL {
                try await SQLStore.openPostgreSQL(url: postgresURL, sealer: Sealer(current: .generate()), logger: logs.logger)
            } else {
                try await SQLStore.openSQLite(
                    path: directory.appendingPathComponent("keyway.db").path, masterKey: .generate(), logger: logs.logger)
            }
        // As `keyway serve` configures its client: a request waits for a pooled connection at most the connect
        // timeout, so a pool as small as AsyncHTTPClient's default (8 per host) would fail bursts on a slow machine.
        var clientConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(30)))
        clientConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
        var configuration = KeywayConfiguration(
            publicURL: "http://127.0.0.1", sessionLifetime: sessionLifetime, catalog: catalog,
            now: { clock.now }, proxyRetry: proxyRetry, proxyTimeout: proxyTimeout, outboundURLs: outboundURLs,
            dashboardPassKey: store.dashboardPassKey)
        configuration.tokenTimeout = tokenTimeout
        configuration.connectPage = connectPage
        // Webhook retries in milliseconds rather than seconds, so that retry tests are fast.
        configuration.webhookRetry = WebhookRetrySchedule(base: 0.05, maximumDelay: 0.2)
        let metrics = KeywayMetrics()
        configuration.observer = metrics
        let keyway = Keyway(store: store, httpClient: httpClient, configuration: configuration, logger: logs.logger)
        let audit = AuditLog(store: store, now: { clock.now }, metrics: metrics, logger: logs.logger)
        let sandbox = SandboxHubSpot(options: options)
        let router = KeywayRouter.make(keyway: keyway, metrics: metrics, audit: audit)
        SandboxService.mount(sandbox, on: router)
        for (name, provider) in generic {
            provider.addRoutes(to: router.group(RouterPath(genericPath(name))))
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)), services: [audit], logger: logs.logger)
        do {
            try await app.test(.live) { client in
                let base = "http://127.0.0.1:\(client.port ?? 0)"
                keyway.publicURL = base
                keyway.allowPrivateURLs(under: base + KeywayRouter.sandboxPath)
                let key = try await keyway.createAPIKey(name: "test")
                try await SandboxService.configure(
                    on: keyway, sandbox: sandbox, sandboxURL: base + KeywayRouter.sandboxPath)
                let harness = Harness(
                    keyway: keyway, sandbox: sandbox, generic: generic, store: store, http: HTTP(client: httpClient, apiKey: key.key),
                    base: base, clock: clock, logs: logs, dataDirectory: directory, apiKey: key.key, metrics: metrics,
                    audit: audit)
                try await body(harness)
            }
        } catch {
            try? await httpClient.shutdown()
            try? await store.close()
            throw error
        }
        try await httpClient.shutdown()
        try await store.close()
    }
}
