import Hummingbird
import KeywayAPI
import KeywayCore

/// Webhook endpoints and their deliveries: `POST /v1/webhooks`, `GET /v1/webhooks`, `DELETE /v1/webhooks/{id}`,
/// `GET /v1/webhooks/{id}/deliveries?limit=` and `POST /v1/webhooks/deliveries/{id}/redeliver`.
struct WebhooksController {
    let keyway: Keyway

    /// The body of `POST /v1/webhooks`.
    struct Body: Decodable {
        var url: String
        var events: [String]?
        var description: String?
    }

    /// Webhook endpoints see every identity's changes, so managing them takes `admin`.
    func addRoutes(to routes: APIRoutes) {
        let group = routes.requiring(.admin)
        group.get("webhooks", use: list)
        group.post("webhooks", use: create)
        group.delete("webhooks/:webhook", use: delete)
        group.post("webhooks/:webhook/enable", use: enable)
        group.get("webhooks/:webhook/deliveries", use: deliveries)
        group.post("webhooks/deliveries/:delivery/redeliver", use: redeliver)
    }

    @Sendable func list(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let endpoints = try await keyway.webhooks()
        return try JSONResponse.make(.ok, Components.Schemas.WebhookList(items: try endpoints.map { endpoint throws(KeywayError) in try .init(endpoint) }))
    }

    @Sendable func create(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        var request = request
        let body = try await request.decodeJSON(Body.self, context: context)
        let endpoint = try await keyway.createWebhook(url: body.url, events: body.events, description: body.description)
        return try JSONResponse.make(.created, Components.Schemas.Webhook(endpoint, showingSecret: true))
    }

    @Sendable func delete(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        try await keyway.deleteWebhook(id: try context.parameters.path("webhook"))
        return Response(status: .noContent)
    }

    @Sendable func enable(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let endpoint = try await keyway.enableWebhook(id: try context.parameters.path("webhook"))
        return try JSONResponse.make(.ok, Components.Schemas.Webhook(endpoint))
    }

    @Sendable func deliveries(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let deliveries = try await keyway.webhookDeliveries(
            webhookId: try context.parameters.path("webhook"), limit: try request.pageLimit())
        return try JSONResponse.make(.ok, Components.Schemas.WebhookDeliveryList(items: try deliveries.map { delivery throws(KeywayError) in try .init(delivery) }))
    }

    @Sendable func redeliver(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        try await keyway.redeliverWebhook(deliveryId: try context.parameters.path("delivery"))
        return Response(status: .accepted)
    }
}
