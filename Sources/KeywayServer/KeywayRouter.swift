import Hummingbird
import KeywayCore
import KeywaySandbox

/// Builds Keyway's HTTP face: the contract's routes over one engine, and optionally the sandbox HubSpot
/// under `/sandbox/hubspot`.
public enum KeywayRouter {
    /// The path under which `serve --sandbox` mounts the sandbox HubSpot.
    public static let sandboxPath = "/sandbox/hubspot"

    /// The router for an engine.
    ///
    /// - Parameters:
    ///   - keyway: the engine.
    ///   - sandbox: a sandbox HubSpot to serve under ``sandboxPath``, if any.
    ///   - metrics: where requests, token reads and proxy calls are counted; served at `GET /metrics` unless
    ///     `metricsOnMainPort` is false (a separate listener serves them).
    ///   - audit: the audit log that API calls are recorded in and `GET /v1/audit` reads, if any.
    public static func make(
        keyway: Keyway, sandbox: SandboxHubSpot? = nil, metrics: KeywayMetrics = KeywayMetrics(),
        metricsOnMainPort: Bool = true, audit: AuditLog? = nil
    ) -> Router<KeywayRequestContext> {
        let router = Router(context: KeywayRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: ErrorMiddleware())
        if metricsOnMainPort { MetricsController(metrics: metrics).addRoutes(to: router) }
        HealthController().addRoutes(to: router)
        DashboardController(keyway: keyway).addRoutes(to: router)
        BrowserController(keyway: keyway).addRoutes(to: router.group("v1").add(middleware: BrowserHeadersMiddleware()))
        let api = router.group("v1").add(middleware: APIKeyMiddleware(keyway: keyway))
        api.add(middleware: TokenReadMetricsMiddleware(metrics: metrics))
        if let audit {
            api.add(middleware: AuditMiddleware(audit: audit))
            AuditController(audit: audit).addRoutes(to: api)
        }
        ServicesController(keyway: keyway).addRoutes(to: api)
        SessionsController(keyway: keyway).addRoutes(to: api)
        IdentitiesController(keyway: keyway).addRoutes(to: api)
        TokensController(keyway: keyway).addRoutes(to: api)
        ProvidersController(catalog: keyway.catalog).addRoutes(to: api)
        KeysController(keyway: keyway).addRoutes(to: api)
        ProxyController(keyway: keyway, metrics: metrics).addRoutes(to: api)
        EnvelopeProxyController(keyway: keyway).addRoutes(to: api)
        if let sandbox {
            sandbox.addRoutes(to: router.group(RouterPath(sandboxPath)))
        }
        return router
    }
}
