import Hummingbird
import KeywayCore
import KeywaySandbox
import KeywayServer

/// Points a service at a sandbox HubSpot and mounts that sandbox in a Keyway server, as
/// `keyway serve --sandbox` does for `hubspot`. KeywayServer does not link the sandbox: its callers mount it
/// on the router ``KeywayRouter/make(keyway:metrics:metricsOnMainPort:audit:)`` returns.
public enum SandboxService {
    /// The scopes the sandbox service asks for: what the seeds' newsletter app needs.
    public static let scopes = ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"]

    /// Serves `sandbox` under ``KeywayRouter/sandboxPath`` on Keyway's router, behind Keyway's middleware.
    public static func mount(_ sandbox: SandboxHubSpot, on router: Router<KeywayRequestContext>) {
        sandbox.addRoutes(to: router.group(RouterPath(KeywayRouter.sandboxPath)))
    }

    /// Creates or updates `serviceId` to use the sandbox served at `sandboxURL` (its root, such as
    /// `http://127.0.0.1:8080/sandbox/hubspot`).
    @discardableResult
    public static func configure(
        _ serviceId: String = "hubspot", on keyway: Keyway, sandbox: SandboxHubSpot, sandboxURL: String
    ) async throws -> Service {
        var definition = ServiceDefinition(
            provider: "hubspot", clientId: sandbox.options.clientId, clientSecret: sandbox.options.clientSecret,
            scopes: scopes, authorizationUrl: sandboxURL + "/oauth/authorize",
            tokenUrl: sandboxURL + "/oauth/2026-03/token", apiBaseUrl: sandboxURL)
        // Deleting an identity revokes its refresh token at the sandbox, as at HubSpot.
        definition.revocationUrl = sandboxURL + "/oauth/v1/refresh-tokens/{token}"
        return try await keyway.saveService(id: serviceId, definition)
    }
}
