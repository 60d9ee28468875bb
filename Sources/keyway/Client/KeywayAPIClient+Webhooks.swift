import Foundation

extension KeywayAPIClient {
    /// The body of `POST /v1/webhooks`.
    private struct NewWebhook: Encodable {
        var url: String
        var events: [String]?
        var description: String?
    }

    /// `POST /v1/webhooks`.
    func createWebhook(url: String, events: [String]?, description: String?) async throws -> APIResponse {
        try await send(
            .post, APIPath("webhooks"),
            json: try JSONEncoder().encode(NewWebhook(url: url, events: events, description: description)))
    }

    /// `GET /v1/webhooks`.
    func webhooks() async throws -> APIResponse {
        try await send(.get, APIPath("webhooks"))
    }

    /// `DELETE /v1/webhooks/{id}`.
    func deleteWebhook(_ id: String) async throws -> APIResponse {
        try await send(.delete, APIPath("webhooks", id))
    }

    /// `POST /v1/webhooks/{id}/enable`.
    func enableWebhook(_ id: String) async throws -> APIResponse {
        try await send(.post, APIPath("webhooks", id, "enable"), json: Data("{}".utf8))
    }

    /// `GET /v1/webhooks/{id}/deliveries`.
    func webhookDeliveries(_ id: String) async throws -> APIResponse {
        try await send(.get, APIPath("webhooks", id, "deliveries"))
    }

    /// `POST /v1/webhooks/deliveries/{id}/redeliver`.
    func redeliverWebhook(_ id: String) async throws -> APIResponse {
        try await send(.post, APIPath("webhooks", "deliveries", id, "redeliver"), json: Data("{}".utf8))
    }
}
