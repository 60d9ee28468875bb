import Hummingbird
import KeywayCore

/// Management API keys: `GET /v1/keys`, `POST /v1/keys` and `DELETE /v1/keys/{id}`.
///
/// A request cannot delete the key it is authenticated with (409 `key_in_use`): an operator rotating keys
/// creates the new key, switches to it and deletes the old one with it, and never locks themself out by
/// deleting their last key by mistake.
struct KeysController {
    let keyway: Keyway

    /// The body of `POST /v1/keys`.
    struct Body: Decodable {
        var name: String
    }

    func addRoutes(to group: RouterGroup<KeywayRequestContext>) {
        group.get("keys", use: list)
        group.post("keys", use: create)
        group.delete("keys/:key", use: delete)
    }

    @Sendable func list(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let keys = try await keyway.apiKeys()
        return try JSONResponse.make(.ok, ItemsRepresentation(items: keys.map(APIKeyRepresentation.init)))
    }

    @Sendable func create(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        var request = request
        let body = try await request.decodeJSON(Body.self, context: context)
        let created = try await keyway.createAPIKey(name: body.name)
        return try JSONResponse.make(.created, CreatedAPIKeyRepresentation(created))
    }

    @Sendable func delete(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let id = try context.parameters.path("key")
        if id == context.apiKey?.id {
            throw KeywayError(
                .conflict, "key_in_use",
                "This request is authenticated with key '\(id)'; delete it with another key.")
        }
        try await keyway.deleteAPIKey(id: id)
        return Response(status: .noContent)
    }
}
