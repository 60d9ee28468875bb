import HTTPTypes
import Hummingbird
import KeywayAPI
import KeywayCore

/// Identities of a service: create from given credentials, list by tags, get, delete by id or by tags.
struct IdentitiesController {
    let keyway: Keyway

    func addRoutes(to routes: APIRoutes) {
        routes.requiring(.identitiesRead).get("services/:service/identities", use: list)
        routes.requiring(.identitiesWrite).post("services/:service/identities", use: create)
        routes.requiring(.identitiesWrite).delete("services/:service/identities", use: deleteMatching)
        routes.requiring(.identitiesRead).get("services/:service/identities/:identity", use: get)
        routes.requiring(.identitiesWrite).delete("services/:service/identities/:identity", use: delete)
    }

    @Sendable func list(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let next = request.uri.queryParameters["next"].map(String.init)
        let page = try await keyway.identities(
            serviceId: try context.parameters.path("service"), matching: try request.tagFilters(),
            limit: try request.pageLimit(), after: next?.isEmpty == true ? nil : next, limits: context.keyLimits)
        return try JSONResponse.make(.ok, Components.Schemas.IdentityPage(page))
    }

    /// `POST …/identities {"tags", "credentials"}`: 201 for a new identity, 200 when the tags named an existing
    /// one whose credentials were replaced. Credentials are never echoed.
    @Sendable func create(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        struct Body: Decodable {
            var tags: Tags?
            var credentials: NewIdentityCredentials
            var params: [String: String]?
        }
        var request = request
        let body = try await request.decodeJSON(Body.self, context: context)
        let (identity, created) = try await keyway.createIdentity(
            serviceId: try context.parameters.path("service"), tags: body.tags ?? [:], credentials: body.credentials,
            params: body.params ?? [:], limits: context.keyLimits)
        return try JSONResponse.make(created ? .created : .ok, Components.Schemas.Identity(identity))
    }

    @Sendable func get(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let identity = try await keyway.identity(
            serviceId: try context.parameters.path("service"), id: try context.parameters.path("identity"),
            limits: context.keyLimits)
        return try JSONResponse.make(.ok, Components.Schemas.Identity(identity))
    }

    @Sendable func delete(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let revoke = request.uri.queryParameters["revoke"].map { $0 != "false" && $0 != "0" } ?? true
        let outcome = try await keyway.deleteIdentity(
            serviceId: try context.parameters.path("service"), id: try context.parameters.path("identity"),
            revoke: revoke, limits: context.keyLimits)
        var headers = HTTPFields()
        headers[HTTPField.Name("Keyway-Revocation")!] = outcome.rawValue
        return Response(status: .noContent, headers: headers)
    }

    /// `DELETE …/identities?tag=…`: `{"deleted", "revocations": {outcome: count}}`, each deleted identity's grant
    /// revoked as by a delete by id unless `?revoke=false`.
    @Sendable func deleteMatching(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let revoke = request.uri.queryParameters["revoke"].map { $0 != "false" && $0 != "0" } ?? true
        let result = try await keyway.deleteMatchingIdentities(
            serviceId: try context.parameters.path("service"), matching: try request.tagFilters(), revoke: revoke,
            limits: context.keyLimits)
        let revocations = Dictionary(uniqueKeysWithValues: result.revocations.map { ($0.key.rawValue, $0.value) })
        return try JSONResponse.make(
            .ok, Components.Schemas.DeletedCount(deleted: result.deleted, revocations: .init(additionalProperties: revocations)))
    }
}
