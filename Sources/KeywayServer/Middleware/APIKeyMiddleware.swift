import Hummingbird
import KeywayCore

/// Admits API requests that carry `Authorization: Bearer <api key>` naming a stored, unexpired key whose scopes
/// allow the route's declared requirement: no key or an unknown one gets 401 `unauthorized`, an expired one 401
/// `api_key_expired`, a key without the scope 403 `insufficient_scope` naming it, before the handler runs.
///
/// Every `/v1` API route is added through a group carrying this middleware with its requirement
/// (``APIRoutes/requiring(_:)``); the plain API group requires `admin`, so a route added without a declared
/// requirement is refused to every narrower key.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = KeywayRequestContext
    let keyway: Keyway
    /// What the routes behind this middleware need.
    var requirement: RouteRequirement = .scope(.admin)

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let header = request.headers[.authorization], header.count <= 512,
            header.lowercased().hasPrefix("bearer ")
        else {
            throw KeywayError(.unauthorized, "unauthorized", "Send an API key as 'Authorization: Bearer <key>'.")
        }
        let presented = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let key = try await keyway.authenticate(apiKey: presented) else {
            throw KeywayError(.unauthorized, "unauthorized", "The API key is not valid.")
        }
        var context = context
        context.apiKey = key
        context.logger[metadataKey: "apiKey"] = "\(key.id)"
        try requirement.check(key)
        return try await next(request, context)
    }
}

/// What a route needs of the key that calls it.
enum RouteRequirement: Sendable, Hashable {
    /// Any valid key, whatever its scopes (the catalog, service reads).
    case anyKey
    /// A key whose scopes allow this one.
    case scope(KeyScope)

    /// Throws 403 `insufficient_scope`, naming the missing scope, when `key` does not meet the requirement.
    func check(_ key: APIKey) throws(KeywayError) {
        guard case .scope(let scope) = self, !key.scopes.allows(scope) else { return }
        throw KeyLimits.refused("This API key lacks the scope '\(scope.rawValue)' that this request needs.")
    }
}

/// The `/v1` API's route groups, one per requirement, each authenticating the key and checking its scope, then
/// counting token reads and recording the call in the audit log (when there is one).
struct APIRoutes {
    let router: Router<KeywayRequestContext>
    let keyway: Keyway
    let metrics: KeywayMetrics
    let audit: AuditLog?

    /// A group under `/v1` whose routes need `requirement`.
    func requiring(_ requirement: RouteRequirement) -> RouterGroup<KeywayRequestContext> {
        var group = router.group("v1").add(middleware: APIKeyMiddleware(keyway: keyway, requirement: requirement))
        if metrics.isEnabled { group = group.add(middleware: TokenReadMetricsMiddleware(metrics: metrics)) }
        guard let audit else { return group }
        return group.add(middleware: AuditMiddleware(audit: audit))
    }

    /// A group under `/v1` whose routes need `scope`.
    func requiring(_ scope: KeyScope) -> RouterGroup<KeywayRequestContext> {
        requiring(.scope(scope))
    }
}
