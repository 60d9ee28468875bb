import KeywayCore
import KeywaySandbox

/// Points a service at a sandbox HubSpot, as `keyway serve --sandbox` does for `hubspot`.
public enum SandboxService {
    /// The scopes the sandbox service asks for: what the seeds' newsletter app needs.
    public static let scopes = ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write"]

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
