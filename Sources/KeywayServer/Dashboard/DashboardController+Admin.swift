import Foundation
import Hummingbird
import KeywayCore

/// API keys, webhooks with their deliveries, and the audit log: lists and the forms that change them.
extension DashboardController {
    struct KeyRow {
        var id: String
        var name: String
        var scopes: String
        var created: String
        var lastUsed: String
        var expires: String
    }

    struct KeysPage {
        var keys: [KeyRow]
        var scopeChoices: String
        var csrf: String
    }

    @Sendable func keys(_ request: Request, context: KeywayRequestContext, signedIn: SignedIn) async throws -> Response {
        let rows = try await keyway.apiKeys().map {
            KeyRow(
                id: $0.id, name: $0.name, scopes: $0.scopes.text,
                created: $0.createdAt.rfc3339, lastUsed: $0.lastUsedAt?.rfc3339 ?? "never",
                expires: $0.expiresAt?.rfc3339 ?? "never")
        }
        return Page.response(
            "keys", title: "API keys",
            context: KeysPage(
                keys: rows, scopeChoices: KeyScope.allCases.map(\.rawValue).joined(separator: ", "), csrf: signedIn.csrf),
            navigation: signedIn.navigation)
    }

    /// Creates a key within the signed-in key's own scopes and limits, and shows it once.
    @Sendable func createKey(_ form: DashboardForm, context: KeywayRequestContext, signedIn: SignedIn) async throws
        -> Response
    {
        let words = DashboardForm.words(form.scopes)
        let scopes = try KeyScopes.parse(words.isEmpty ? [KeyScope.admin.rawValue] : words)
        let created = try await keyway.createAPIKey(
            name: try DashboardForm.required(form.name, "name"), scopes: scopes,
            by: signedIn.key)
        return Page.response(
            "key-created", title: "Key created", context: ["name": created.record.name, "key": created.key],
            navigation: signedIn.navigation)
    }

    @Sendable func deleteKey(_ form: DashboardForm, context: KeywayRequestContext, signedIn: SignedIn) async throws
        -> Response
    {
        try await keyway.deleteAPIKey(id: try context.parameters.require("key"), by: signedIn.key)
        return Self.redirect("/dashboard/keys")
    }

    struct WebhookRow {
        var id: String
        var url: String
        var description: String?
        var events: String
        var state: String
        var created: String
    }

    struct WebhooksPage {
        var webhooks: [WebhookRow]
        var csrf: String
    }

    static func events(_ endpoint: WebhookEndpoint) -> String {
        endpoint.events.isEmpty ? "all" : endpoint.events.map(\.rawValue).joined(separator: " ")
    }

    @Sendable func webhooks(_ request: Request, context: KeywayRequestContext, signedIn: SignedIn) async throws
        -> Response
    {
        let rows = try await keyway.webhooks().map {
            WebhookRow(
                id: $0.id, url: $0.url, description: $0.description, events: Self.events($0),
                state: $0.enabled ? "enabled" : "disabled: \($0.disabledReason ?? "")", created: $0.createdAt.rfc3339)
        }
        return Page.response(
            "webhooks", title: "Webhooks", context: WebhooksPage(webhooks: rows, csrf: signedIn.csrf),
            navigation: signedIn.navigation)
    }

    @Sendable func createWebhook(_ form: DashboardForm, context: KeywayRequestContext, signedIn: SignedIn)
        async throws -> Response
    {
        let events = DashboardForm.words(form.events)
        let description = (form.description ?? "").isEmpty ? nil : form.description
        let endpoint = try await keyway.createWebhook(
            url: try DashboardForm.required(form.url, "url"), events: events.isEmpty ? nil : events,
            description: description)
        return try await deliveriesPage(endpoint, secret: endpoint.secret, signedIn: signedIn)
    }

    @Sendable func deleteWebhook(_ form: DashboardForm, context: KeywayRequestContext, signedIn: SignedIn)
        async throws -> Response
    {
        try await keyway.deleteWebhook(id: try context.parameters.require("webhook"))
        return Self.redirect("/dashboard/webhooks")
    }

    struct DeliveryRow {
        var eventType: String
        var state: String
        var attempts: Int
        var lastAttempt: String
        var created: String
    }

    struct DeliveriesPage {
        var secret: String?
        var events: String
        var deliveries: [DeliveryRow]
    }

    @Sendable func deliveries(_ request: Request, context: KeywayRequestContext, signedIn: SignedIn) async throws
        -> Response
    {
        let id = try context.parameters.require("webhook")
        guard let endpoint = try await keyway.webhooks().first(where: { $0.id == id }) else {
            throw KeywayError(.notFound, "webhook_not_found", "No webhook '\(id.prefix(80))'.")
        }
        return try await deliveriesPage(endpoint, secret: nil, signedIn: signedIn)
    }

    /// A webhook's recent deliveries; right after creating it, its signing secret once.
    func deliveriesPage(_ endpoint: WebhookEndpoint, secret: String?, signedIn: SignedIn) async throws -> Response {
        let rows = try await keyway.webhookDeliveries(webhookId: endpoint.id).map { delivery in
            let last = delivery.attempts.last
            return DeliveryRow(
                eventType: delivery.eventType.rawValue, state: delivery.state.rawValue, attempts: delivery.attempts.count,
                lastAttempt: last.map { "\($0.at.rfc3339) \($0.statusCode.map(String.init) ?? $0.error ?? "")" } ?? "none",
                created: delivery.createdAt.rfc3339)
        }
        return Page.response(
            "deliveries", title: "Webhook \(endpoint.url)",
            context: DeliveriesPage(secret: secret, events: Self.events(endpoint), deliveries: rows),
            navigation: signedIn.navigation)
    }

    struct AuditRow {
        var time: String
        var action: String
        var key: String
        var service: String
        var identity: String
        var status: Int
    }

    struct AuditPage {
        var entries: [AuditRow]
        var next: String?
    }

    /// The newest audit entries (100 a page); empty when the server keeps no audit log.
    @Sendable func auditLog(_ request: Request, context: KeywayRequestContext, signedIn: SignedIn) async throws
        -> Response
    {
        var rows: [AuditRow] = []
        var next: String?
        if let audit {
            await audit.flush()
            let page = try await audit.store.auditEntries(
                AuditQuery(limit: 100, cursor: request.uri.queryParameters["next"].map(String.init)))
            rows = page.items.map {
                AuditRow(
                    time: $0.time.rfc3339, action: $0.action, key: $0.apiKeyId ?? "", service: $0.serviceId ?? "",
                    identity: $0.identityId ?? "", status: $0.status)
            }
            next = page.next.map { "/dashboard/audit?next=\(FormEncoding.escape($0))" }
        }
        return Page.response(
            "audit", title: "Audit log", context: AuditPage(entries: rows, next: next), navigation: signedIn.navigation)
    }
}
