import Foundation
import Hummingbird
import KeywayCore

/// Records the audited API calls (token reads, proxy calls, identity deletions, service changes, key creation
/// and deletion) after they are answered, with the key that made them, whatever the outcome. Sits after
/// ``APIKeyMiddleware``, so unauthenticated calls, which did nothing, are not recorded.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = KeywayRequestContext
    let audit: AuditLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let action = Self.action(method: request.method, route: context.endpointPath) else {
            return try await next(request, context)
        }
        var context = context
        let trail = AuditTrail()
        context.auditTrail = trail
        do {
            let response = try await next(request, context)
            await record(action, request, context, trail, status: response.status.code)
            return response
        } catch {
            await record(action, request, context, trail, status: ErrorStatus.of(error))
            throw error
        }
    }

    private func record(
        _ action: AuditAction, _ request: Request, _ context: Context, _ trail: AuditTrail, status: Int
    ) async {
        let noted = trail.snapshot
        var entry = AuditEntry(
            time: audit.now(), action: action, apiKeyId: context.apiKey?.id,
            serviceId: context.parameters.get("service"),
            identityId: context.parameters.get("identity") ?? noted.identityId, status: status)
        switch action {
        case .proxyCall:
            entry.method = noted.method ?? request.method.rawValue
            entry.path = noted.path
            entry.upstreamStatus = noted.upstreamStatus
        case .keyDelete:
            entry.target = context.parameters.get("key")
        case .keyCreate:
            entry.target = noted.target
        default:
            break
        }
        await audit.record(entry)
    }

    /// The audited action of a route, by method and route template.
    static func action(method: HTTPRequest.Method, route: String?) -> AuditAction? {
        guard let route else { return nil }
        switch (method, route) {
        case (.get, "/v1/services/{service}/identities/{identity}/token"), (.get, "/v1/services/{service}/token"):
            return .tokenRead
        case (_, "/v1/proxy/{service}"), (_, "/v1/proxy/{service}/**"), (.post, "/v1/services/{service}/proxy"):
            return .proxyCall
        case (.delete, "/v1/services/{service}/identities/{identity}"): return .identityDelete
        case (.delete, "/v1/services/{service}/identities"): return .identitiesDelete
        case (.put, "/v1/services/{service}"): return .serviceSave
        case (.delete, "/v1/services/{service}"): return .serviceDelete
        case (.post, "/v1/keys"): return .keyCreate
        case (.delete, "/v1/keys/{key}"): return .keyDelete
        default: return nil
        }
    }
}
