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
    public static func make(keyway: Keyway, sandbox: SandboxHubSpot? = nil) -> Router<KeywayRequestContext> {
        let router = Router(context: KeywayRequestContext.self)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ErrorMiddleware())
        HealthController().addRoutes(to: router)
        DashboardController(keyway: keyway).addRoutes(to: router)
        BrowserController(keyway: keyway).addRoutes(to: router.group("v1").add(middleware: BrowserHeadersMiddleware()))
        let api = router.group("v1").add(middleware: APIKeyMiddleware(keyway: keyway))
        ServicesController(keyway: keyway).addRoutes(to: api)
        SessionsController(keyway: keyway).addRoutes(to: api)
        IdentitiesController(keyway: keyway).addRoutes(to: api)
        TokensController(keyway: keyway).addRoutes(to: api)
        ProvidersController(catalog: keyway.catalog).addRoutes(to: api)
        KeysController(keyway: keyway).addRoutes(to: api)
        WebhooksController(keyway: keyway).addRoutes(to: api)
        ProxyController(keyway: keyway).addRoutes(to: api)
        EnvelopeProxyController(keyway: keyway).addRoutes(to: api)
        if let sandbox {
            sandbox.addRoutes(to: router.group(RouterPath(sandboxPath)))
        }
        return router
    }
}
