import Foundation
import Hummingbird
import Logging
import Synchronization

/// A configurable fake OAuth 2 provider served over real HTTP: one ``SandboxGenericOptions`` makes it behave
/// like one class of provider quirk (Slack's nested token, Salesforce's `instance_url` and missing `expires_in`,
/// QuickBooks' `realmId` and Basic-only client authentication, Shopify's token header and comma scopes…).
///
/// Mount it with ``addRoutes(to:)``; the mount point is also its API base URL:
///
/// - `GET|POST oauth/authorize`: the consent page and its decision
/// - `POST oauth/token`: the authorization-code, refresh-token and client-credentials grants
/// - `POST oauth/revoke`: RFC 7009 token revocation
/// - `GET api/keyed`: 200 only with the options' static credential (API-key and Basic providers)
/// - `GET api/me`: who the token belongs to, with its scopes; the token must be presented as the options say
/// - `GET api/company/{id}/me`: the same, for the company the grant is for (QuickBooks-like sandboxes)
/// - `GET _stats`: counters for tests
///
/// All state lives in memory behind one lock; every instance is independent.
public final class SandboxGeneric: Sendable {
    let state: Mutex<GenericState>
    /// How this sandbox behaves.
    public let options: SandboxGenericOptions
    /// The hostile answers in force, which tests may change while it runs.
    let hostile: Mutex<SandboxHostileAnswers>

    /// Creates a sandbox with no grants.
    public init(options: SandboxGenericOptions = .init()) {
        self.options = options
        self.state = Mutex(GenericState(options: options))
        self.hostile = Mutex(options.hostile)
    }

    /// The counters `GET _stats` returns.
    public func stats() -> SandboxGenericStats {
        state.withLock { $0.stats }
    }

    /// Adds every route to a router group; the paths are relative to the group, which is the API base URL.
    public func addRoutes<Context: RequestContext>(to group: RouterGroup<Context>) {
        group.get("oauth/authorize") { request, _ in self.showConsent(request) }
        group.post("oauth/authorize") { request, _ in try await self.decide(request) }
        group.post("oauth/token") { request, _ in self.delivered(try await self.token(request)) }
        if let refreshPath = options.refreshPath {
            group.post(RouterPath(refreshPath)) { request, _ in
                self.delivered(try await self.token(request, atRefreshPath: true))
            }
        }
        group.post("oauth/revoke") { request, _ in try await self.revoke(request) }
        group.get("api/keyed") { request, _ in self.keyed(request) }
        group.get("api/me") { request, _ in self.delivered(self.me(request, company: nil)) }
        group.get("api/company/:company/me") { request, context in
            self.delivered(self.me(request, company: HTTP.pathParameter("company", context)))
        }
        group.get("_stats") { _, _ in HTTP.json(self.stats()) }
    }

    /// A standalone application serving the sandbox at the root path.
    public func application(configuration: ApplicationConfiguration, logger: Logger) -> some ApplicationProtocol {
        let router = Router()
        addRoutes(to: router.group())
        return Application(router: router, configuration: configuration, logger: logger)
    }
}
