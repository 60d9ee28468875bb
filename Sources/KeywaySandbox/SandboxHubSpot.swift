import Foundation
import Hummingbird
import Logging
import Synchronization

/// A faithful fake of HubSpot's OAuth 2 server and a slice of its CRM API, served over real HTTP.
///
/// Mount it on any router with ``addRoutes(to:)`` (Keyway mounts it under `/sandbox/hubspot`), or run it alone with
/// ``application(configuration:logger:)``. The mount point is also the API base URL:
///
/// - `GET|POST oauth/authorize`: the consent page and its decision
/// - `POST oauth/v1/token` and `POST oauth/2026-03/token`: the authorization-code and refresh-token grants
/// - `GET oauth/v1/access-tokens/{token}`, `GET|DELETE oauth/v1/refresh-tokens/{token}`,
///   `POST oauth/2026-03/token/introspect`, `POST oauth/2026-03/token/revoke`
/// - `POST|GET crm/v3/objects/contacts`, `GET crm/v3/objects/contacts/{id}`
/// - `GET _stats`, `POST|GET|DELETE _faults`, `POST|GET _config` (token lifetime, rotation, token answer
///   delay): test controls
///
/// All state lives in memory behind one lock; every instance is independent.
public final class SandboxHubSpot: Sendable {
    let state: Mutex<SandboxState>

    /// Creates a sandbox with no grants and no contacts.
    public init(options: SandboxOptions = .init()) {
        self.state = Mutex(SandboxState(options: options))
    }

    /// The options in force now; `POST /_config` changes the lifetime and rotation at runtime.
    public var options: SandboxOptions {
        state.withLock { $0.options }
    }

    /// The counters `GET /_stats` returns.
    public func stats() -> SandboxStats {
        state.withLock { $0.stats }
    }

    /// Adds every route to a router group; the paths are relative to the group, which is the API base URL.
    ///
    /// Generic over the request context, so the sandbox mounts on any Hummingbird application.
    public func addRoutes<Context: RequestContext>(to group: RouterGroup<Context>) {
        addAuthorizeRoutes(to: group)
        addTokenRoutes(to: group)
        addTokenInfoRoutes(to: group)
        addCRMRoutes(to: group)
        addControlRoutes(to: group)
    }

    /// A standalone application serving the sandbox at the root path.
    public func application(configuration: ApplicationConfiguration, logger: Logger) -> some ApplicationProtocol {
        let router = Router()
        addRoutes(to: router.group())
        return Application(router: router, configuration: configuration, logger: logger)
    }
}
