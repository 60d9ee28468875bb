import KeywayAPI
import KeywayCore

extension Components.Schemas.AuditEntry {
    /// An audit entry as `GET /v1/audit` shows it, with the scopes of the key that made the call while that key
    /// exists.
    init(_ entry: AuditEntry, key: APIKey?) throws(KeywayError) {
        self.init(
            id: entry.id, time: entry.time, action: entry.action, outcome: try wireCase(entry.outcome),
            status: entry.status, apiKeyId: entry.apiKeyId, apiKeyScopes: key?.scopes.sorted.map(\.rawValue),
            serviceId: entry.serviceId, identityId: entry.identityId, target: entry.target, method: entry.method,
            path: entry.path, upstreamStatus: entry.upstreamStatus)
    }
}
