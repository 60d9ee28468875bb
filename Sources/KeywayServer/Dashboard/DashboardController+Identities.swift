import Foundation
import Hummingbird
import KeywayCore

/// One identity: its detail (never a token), "Refresh now" and "Disconnect".
extension DashboardController {
    struct IdentityPage {
        var id: String
        var serviceId: String
        var tags: [TagPair]
        var status: String
        var reason: String?
        var metadata: [TagPair]
        var created: String
        var updated: String
        var expires: String
        var notice: String?
        var csrf: String
    }

    @Sendable func identity(_ request: Request, context: KeywayRequestContext, signedIn: SignedIn) async throws
        -> Response
    {
        let identity = try await keyway.identity(
            serviceId: try context.parameters.require("service"), id: try context.parameters.require("identity"))
        let notice = request.uri.queryParameters["refreshed"] != nil ? "Refreshed." : nil
        return Page.response(
            "identity", title: "Identity \(identity.id)",
            context: IdentityPage(
                id: identity.id, serviceId: identity.serviceId, tags: TagPair.list(identity.tags),
                status: identity.status.rawValue, reason: identity.statusReason, metadata: TagPair.list(identity.metadata),
                created: identity.createdAt.rfc3339, updated: identity.updatedAt.rfc3339,
                expires: identity.expiresAt?.rfc3339 ?? "never", notice: notice, csrf: signedIn.csrf),
            navigation: signedIn.navigation)
    }

    /// Refreshes the identity now, whatever its expiry, through the engine's single-flight refresh.
    @Sendable func refreshIdentity(_ form: DashboardForm, context: KeywayRequestContext, signedIn: SignedIn)
        async throws -> Response
    {
        let identity = try await keyway.identity(
            serviceId: try context.parameters.require("service"), id: try context.parameters.require("identity"))
        _ = try await keyway.fresh(identity, rejectedVersion: identity.version)
        return Self.redirect(
            "/dashboard/services/\(FormEncoding.escape(identity.serviceId))/identities/\(FormEncoding.escape(identity.id))?refreshed=1")
    }

    /// Deletes the identity and revokes its grant where the catalog knows how (``Keyway/deleteIdentity``).
    @Sendable func deleteIdentity(_ form: DashboardForm, context: KeywayRequestContext, signedIn: SignedIn)
        async throws -> Response
    {
        let serviceId = try context.parameters.require("service")
        let outcome = try await keyway.deleteIdentity(serviceId: serviceId, id: try context.parameters.require("identity"))
        return Self.redirect("/dashboard/services/\(FormEncoding.escape(serviceId))?disconnected=\(outcome.rawValue)")
    }
}
