import Foundation
import Hummingbird
import KeywayAPI
import KeywayCore

/// Management API keys: `GET /v1/keys`, `POST /v1/keys` and `DELETE /v1/keys/{id}`, all needing `keys:write`.
///
/// A key makes or deletes only keys it covers (every scope and limit of theirs is within its own), so no key
/// hands out more than it holds. A request cannot delete the key it is authenticated with (409 `key_in_use`):
/// an operator rotating keys creates the new key, switches to it and deletes the old one with it, and never
/// locks themself out by deleting their last key by mistake.
struct KeysController {
    let keyway: Keyway

    /// The body of `POST /v1/keys`. Omitted scopes and limits are the creating key's own.
    struct Body: Decodable {
        var name: String
        var scopes: [String]?
        var services: [String]?
        var tags: Tags?
        /// Seconds until the key expires; omitted for never.
        var expiresIn: Double?
    }

    func addRoutes(to routes: APIRoutes) {
        let group = routes.requiring(.keysWrite)
        group.get("keys", use: list)
        group.post("keys", use: create)
        group.delete("keys/:key", use: delete)
    }

    @Sendable func list(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let keys = try await keyway.apiKeys()
        return try JSONResponse.make(.ok, Components.Schemas.APIKeyList(items: try keys.map { key throws(KeywayError) in try .init(key) }))
    }

    @Sendable func create(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        var request = request
        let body = try await request.decodeJSON(Body.self, context: context)
        let creator = context.apiKey
        let scopes = try body.scopes.map(KeyScopes.parse) ?? creator?.scopes ?? .admin
        var limits = creator?.limits ?? .unrestricted
        if let services = body.services { limits.services = Set(services) }
        if let tags = body.tags { limits.tags = tags }
        let created = try await keyway.createAPIKey(
            name: body.name, scopes: scopes, limits: limits, lifetime: body.expiresIn, by: creator)
        context.auditTrail?.target = created.record.id
        return try JSONResponse.make(.created, Components.Schemas.CreatedAPIKey(created))
    }

    @Sendable func delete(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let id = try context.parameters.path("key")
        if id == context.apiKey?.id {
            throw KeywayError(
                .conflict, "key_in_use",
                "This request is authenticated with key '\(id)'; delete it with another key.")
        }
        try await keyway.deleteAPIKey(id: id, by: context.apiKey)
        return Response(status: .noContent)
    }
}
