import Hummingbird
import KeywayCore

/// `POST /v1/services/{service}/sessions`: starts an authorization.
struct SessionsController {
    let keyway: Keyway

    struct Body: Decodable {
        var tags: Tags?
        var finishedUrl: String
        var params: [String: String]?
    }

    struct Created: Encodable {
        let id: String
        let url: String
        let expiresAt: String
    }

    func addRoutes(to routes: APIRoutes) {
        routes.requiring(.identitiesWrite).post("services/:service/sessions", use: create)
    }

    @Sendable func create(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        var request = request
        let body = try await request.decodeJSON(Body.self, context: context)
        let session = try await keyway.createSession(
            serviceId: try context.parameters.path("service"), tags: body.tags ?? [:], finishedUrl: body.finishedUrl,
            params: body.params ?? [:], limits: context.keyLimits)
        return try JSONResponse.make(
            .created, Created(id: session.id, url: session.url, expiresAt: session.expiresAt.rfc3339))
    }
}
