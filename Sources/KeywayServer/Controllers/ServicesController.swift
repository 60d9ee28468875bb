import Hummingbird
import KeywayAPI
import KeywayCore

/// Services: list, get, create or update, delete.
struct ServicesController {
    let keyway: Keyway

    func addRoutes(to routes: APIRoutes) {
        routes.requiring(.anyKey).get("services", use: list)
        routes.requiring(.anyKey).get("services/:service", use: get)
        routes.requiring(.servicesWrite).put("services/:service", use: put)
        routes.requiring(.servicesWrite).delete("services/:service", use: delete)
    }

    @Sendable func list(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let services = try await keyway.services(limits: context.keyLimits)
        return try JSONResponse.make(.ok, Components.Schemas.ServiceList(items: try services.map(represent)))
    }

    @Sendable func get(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let service = try await keyway.service(id: try context.parameters.path("service"), limits: context.keyLimits)
        return try JSONResponse.make(.ok, try represent(service))
    }

    @Sendable func put(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        var request = request
        let body = try await request.decodeJSON(Components.Schemas.ServiceDefinition.self, context: context)
        let service = try await keyway.saveService(
            id: try context.parameters.path("service"), ServiceDefinition(body), limits: context.keyLimits)
        return try JSONResponse.make(.ok, try represent(service))
    }

    @Sendable func delete(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let force = request.uri.queryParameters["force"].map { $0 == "true" || $0 == "1" } ?? false
        try await keyway.deleteService(id: try context.parameters.path("service"), force: force, limits: context.keyLimits)
        return Response(status: .noContent)
    }

    private func represent(_ service: Service) throws(KeywayError) -> Components.Schemas.Service {
        try Components.Schemas.Service(service, callbackUrl: keyway.callbackURL(service: service.id))
    }
}
