import Hummingbird
import KeywayAPI
import KeywayCore

/// `POST /v1/services/{service}/sessions`: starts an authorization.
struct SessionsController {
    let keyway: Keyway

    func addRoutes(to routes: APIRoutes) {
        routes.requiring(.identitiesWrite).post("services/:service/sessions", use: create)
    }

    @Sendable func create(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        var request = request
        let body = try await request.decodeJSON(Components.Schemas.NewSession.self, context: context)
        let session = try await keyway.createSession(
            serviceId: try context.parameters.path("service"), tags: body.tags?.additionalProperties ?? [:],
            finishedUrl: body.finishedUrl, params: body.params?.additionalProperties ?? [:], limits: context.keyLimits)
        return try JSONResponse.make(
            .created, Components.Schemas.Session(id: session.id, url: session.url, expiresAt: session.expiresAt))
    }
}
