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
        // Each API route declares what it needs of the key (APIRoutes.requiring); admin-only routes go through
        // `routes.requiring(.admin)`.
        let routes = APIRoutes(router: router, keyway: keyway)
        ServicesController(keyway: keyway).addRoutes(to: routes)
        SessionsController(keyway: keyway).addRoutes(to: routes)
        IdentitiesController(keyway: keyway).addRoutes(to: routes)
        TokensController(keyway: keyway).addRoutes(to: routes)
        ProvidersController(catalog: keyway.catalog).addRoutes(to: routes)
        KeysController(keyway: keyway).addRoutes(to: routes)
        WebhooksController(keyway: keyway).addRoutes(to: routes)
        ProxyController(keyway: keyway).addRoutes(to: routes)
        EnvelopeProxyController(keyway: keyway).addRoutes(to: routes)
        if let sandbox {
            sandbox.addRoutes(to: router.group(RouterPath(sandboxPath)))
        }
        return router
    }
}
