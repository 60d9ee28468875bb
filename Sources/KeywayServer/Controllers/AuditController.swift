import Foundation
import Hummingbird
import KeywayAPI
import KeywayCore

/// `GET /v1/audit`: the audit log, newest first, filtered by identity, service, key and time, paged. Each entry
/// shows the scopes of the key that made the call (a key's scopes never change; a deleted key's are gone).
struct AuditController {
    let audit: AuditLog
    let keyway: Keyway

    /// The audit log tells who read which identity's token, so reading it takes `admin`.
    func addRoutes(to routes: APIRoutes) {
        routes.requiring(.admin).get("audit", use: list)
    }

    @Sendable func list(_ request: Request, context: KeywayRequestContext) async throws -> Response {
        let query = try Self.query(request.uri.queryParameters)
        // What this process has buffered is written first, so that a caller reads its own calls.
        await audit.flush()
        let page = try await audit.store.auditEntries(query)
        let keys = Dictionary(try await keyway.apiKeys().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let items = try page.items.map { entry throws(KeywayError) in
            try Components.Schemas.AuditEntry(entry, key: entry.apiKeyId.flatMap { keys[$0] })
        }
        return try JSONResponse.make(.ok, Components.Schemas.AuditPage(items: items, next: page.next))
    }

    static func query(_ parameters: Parameters) throws(KeywayError) -> AuditQuery {
        func value(_ name: String) -> String? {
            parameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        }
        var query = AuditQuery(
            identityId: value("identityId"), serviceId: value("serviceId"), apiKeyId: value("apiKeyId"),
            cursor: value("cursor") ?? value("next"))
        if let raw = value("limit") {
            guard let limit = Int(raw), (1...AuditQuery.maximumLimit).contains(limit) else {
                throw .invalid("invalid_limit", "'limit' must be a whole number between 1 and \(AuditQuery.maximumLimit).")
            }
            query.limit = limit
        }
        if let raw = value("since") {
            guard let since = try? Date(raw, strategy: .iso8601) else {
                throw .invalid("invalid_since", "'since' must be an RFC 3339 time such as 2026-01-31T00:00:00Z.")
            }
            query.since = since
        }
        return query
    }
}
