import Hummingbird
import KeywayCore

/// Identities of a service: list by tags, get, delete by id or by tags.
struct IdentitiesController {
    let keyway: Keyway

    func addRoutes(to routes: APIRoutes) {
        routes.requiring(.identitiesRead).get("services/:service/identities", use: list)
        routes.requiring(.identitiesWrite).delete("services/:service/identities", use: deleteMatching)
        routes.requiring(.identitiesRead).get("services/:service/identities/:identity", use: get)
        routes.requiring(.identitiesWrite).delete("services/:service/identities/:identity", use: delete)
    }

    @Sendable func list(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let next = request.uri.queryParameters["next"].map(String.init)
        let page = try await keyway.identities(
            serviceId: try context.parameters.path("service"), matching: try request.tagFilters(),
            limit: try request.pageLimit(), after: next?.isEmpty == true ? nil : next, limits: context.keyLimits)
        return try JSONResponse.make(
            .ok, IdentityPageRepresentation(items: page.items.map(IdentityRepresentation.init), next: page.next))
    }

    @Sendable func get(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let identity = try await keyway.identity(
            serviceId: try context.parameters.path("service"), id: try context.parameters.path("identity"),
            limits: context.keyLimits)
        return try JSONResponse.make(.ok, IdentityRepresentation(identity))
    }

    @Sendable func delete(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        try await keyway.deleteIdentity(
            serviceId: try context.parameters.path("service"), id: try context.parameters.path("identity"),
            limits: context.keyLimits)
        return Response(status: .noContent)
    }

    @Sendable func deleteMatching(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let deleted = try await keyway.deleteIdentities(
            serviceId: try context.parameters.path("service"), matching: try request.tagFilters(),
            limits: context.keyLimits)
        return try JSONResponse.make(.ok, ["deleted": deleted])
    }
}
