import Hummingbird
import KeywayCore

/// Services: list, get, create or update, delete.
struct ServicesController {
    let keyway: Keyway

    func addRoutes(to group: RouterGroup<KeywayRequestContext>) {
        group.get("services", use: list)
        group.get("services/:service", use: get)
        group.put("services/:service", use: put)
        group.delete("services/:service", use: delete)
    }

    @Sendable func list(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let services = try await keyway.services()
        return try JSONResponse.make(.ok, ItemsRepresentation(items: services.map(represent)))
    }

    @Sendable func get(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let service = try await keyway.service(id: try context.parameters.path("service"))
        return try JSONResponse.make(.ok, represent(service))
    }

    @Sendable func put(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        var request = request
        let definition = try await request.decodeJSON(ServiceDefinition.self, context: context)
        let service = try await keyway.saveService(id: try context.parameters.path("service"), definition)
        return try JSONResponse.make(.ok, represent(service))
    }

    @Sendable func delete(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let force = request.uri.queryParameters["force"].map { $0 == "true" || $0 == "1" } ?? false
        try await keyway.deleteService(id: try context.parameters.path("service"), force: force)
        return Response(status: .noContent)
    }

    private func represent(_ service: Service) -> ServiceRepresentation {
        ServiceRepresentation(service, callbackUrl: keyway.callbackURL(service: service.id))
    }
}
