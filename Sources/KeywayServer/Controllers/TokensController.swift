import Hummingbird
import KeywayCore

/// Fresh tokens, by identity id or by tags.
struct TokensController {
    let keyway: Keyway

    func addRoutes(to group: RouterGroup<KeywayRequestContext>) {
        group.get("services/:service/identities/:identity/token", use: byId)
        group.get("services/:service/token", use: byTags)
    }

    @Sendable func byId(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let token = try await keyway.token(
            serviceId: try context.parameters.path("service"), identityId: try context.parameters.path("identity"))
        return try JSONResponse.make(.ok, TokenRepresentation(token))
    }

    @Sendable func byTags(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let token = try await keyway.token(serviceId: try context.parameters.path("service"), tags: try request.tagFilters())
        context.auditTrail?.identityId = token.identity.id
        return try JSONResponse.make(.ok, TokenRepresentation(token))
    }
}
