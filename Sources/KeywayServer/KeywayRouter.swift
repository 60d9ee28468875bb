import Hummingbird
import KeywayCore

/// Builds Keyway's HTTP face: the contract's routes over one engine.
///
/// KeywayServer does not link the sandbox. A caller adds routes of its own to the router ``make(keyway:metrics:metricsOnMainPort:audit:)``
/// returns, and they run behind the same middleware (request log, metrics, error bodies): `keyway serve --sandbox`
/// mounts the sandbox HubSpot under ``sandboxPath`` that way.
public enum KeywayRouter {
    /// The path under which `serve --sandbox` mounts the sandbox HubSpot.
    public static let sandboxPath = "/sandbox/hubspot"

    /// The router for an engine. Routes added to it afterwards go through Keyway's middleware too.
    ///
    /// - Parameters:
    ///   - keyway: the engine.
    ///   - metrics: where requests, token reads and proxy calls are counted; served at `GET /metrics` unless
    ///     `metricsOnMainPort` is false (a separate listener serves them).
    ///   - audit: the audit log that API calls are recorded in and `GET /v1/audit` reads, if any.
    public static func make(
        keyway: Keyway, metrics: KeywayMetrics = KeywayMetrics(),
        metricsOnMainPort: Bool = true, audit: AuditLog? = nil
    ) -> Router<KeywayRequestContext> {
        let router = Router(context: KeywayRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        if metrics.isEnabled { router.add(middleware: MetricsMiddleware(metrics: metrics)) }
        router.add(middleware: ErrorMiddleware())
        if metricsOnMainPort && metrics.isEnabled { MetricsController(metrics: metrics).addRoutes(to: router) }
        HealthController().addRoutes(to: router)
        OpenAPIController().addRoutes(to: router)
        DashboardController(keyway: keyway, audit: audit).addRoutes(to: router)
        BrowserController(keyway: keyway).addRoutes(to: router.group("v1").add(middleware: BrowserHeadersMiddleware()))
        ConnectFormController(keyway: keyway).addRoutes(to: router.group("v1").add(middleware: BrowserHeadersMiddleware()))
        // Each API route declares what it needs of the key (APIRoutes.requiring); admin-only routes go through
        // `routes.requiring(.admin)`. Every group counts token reads and records its calls in the audit log.
        let routes = APIRoutes(router: router, keyway: keyway, metrics: metrics, audit: audit)
        if let audit { AuditController(audit: audit, keyway: keyway).addRoutes(to: routes) }
        ServicesController(keyway: keyway).addRoutes(to: routes)
        SessionsController(keyway: keyway).addRoutes(to: routes)
        IdentitiesController(keyway: keyway).addRoutes(to: routes)
        TokensController(keyway: keyway).addRoutes(to: routes)
        ProvidersController(catalog: keyway.catalog).addRoutes(to: routes)
        KeysController(keyway: keyway).addRoutes(to: routes)
        WebhooksController(keyway: keyway).addRoutes(to: routes)
        ProxyController(keyway: keyway, metrics: metrics).addRoutes(to: routes)
        EnvelopeProxyController(keyway: keyway).addRoutes(to: routes)
        return router
    }
}
