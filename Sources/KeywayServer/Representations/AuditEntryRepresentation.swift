import KeywayCore

/// An audit entry as `GET /v1/audit` shows it, with the scopes of the key that made the call while that key
/// exists.
struct AuditEntryRepresentation: Encodable {
    let id: String
    let time: String
    let action: String
    let outcome: String
    let status: Int
    let apiKeyId: String?
    let apiKeyScopes: [String]?
    let serviceId: String?
    let identityId: String?
    let target: String?
    let method: String?
    let path: String?
    let upstreamStatus: Int?

    init(_ entry: AuditEntry, key: APIKey?) {
        apiKeyScopes = key?.scopes.sorted.map(\.rawValue)
        id = entry.id
        time = entry.time.rfc3339
        action = entry.action
        outcome = entry.outcome
        status = entry.status
        apiKeyId = entry.apiKeyId
        serviceId = entry.serviceId
        identityId = entry.identityId
        target = entry.target
        method = entry.method
        path = entry.path
        upstreamStatus = entry.upstreamStatus
    }
}

/// A page of audit entries, newest first, with the cursor of the next (older) page.
struct AuditPageRepresentation: Encodable {
    let items: [AuditEntryRepresentation]
    let next: String?
}
