import Hummingbird
import KeywayCore

/// Fresh tokens, by identity id or by tags.
struct TokensController {
    let keyway: Keyway

    func addRoutes(to routes: APIRoutes) {
        routes.requiring(.tokensRead).get("services/:service/identities/:identity/token", use: byId)
        routes.requiring(.tokensRead).get("services/:service/token", use: byTags)
    }

    @Sendable func byId(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let token = try await keyway.token(
            serviceId: try context.parameters.path("service"), identityId: try context.parameters.path("identity"),
            limits: context.keyLimits)
        return try JSONResponse.make(.ok, TokenRepresentation(token))
    }

    @Sendable func byTags(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let token = try await keyway.token(
            serviceId: try context.parameters.path("service"), tags: try request.tagFilters(), limits: context.keyLimits)
        context.auditTrail?.identityId = token.identity.id
        return try JSONResponse.make(.ok, TokenRepresentation(token))
    }
}
