import Foundation
import KeywayCore
import SQLKit

extension SQLStore: AuditStore {
    private static let auditColumns: SQLQueryString = """
        seq, id, at, action, api_key_id, service_id, identity_id, target, method, path, status, upstream_status
        """

    /// Appends audit entries in one transaction, with multi-row inserts of up to ``bulkInsertRows`` rows.
    public func appendAudit(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await transaction("writing the audit log") { db in
            var start = 0
            while start < entries.count {
                let chunk = entries[start..<min(start + Self.bulkInsertRows, entries.count)]
                start += Self.bulkInsertRows
                let rows = chunk.map { entry -> SQLQueryString in
                    """
                    (\(bind: entry.id), \(bind: entry.time.millisecondsSince1970), \(bind: entry.action),
                    \(bind: entry.apiKeyId), \(bind: entry.serviceId), \(bind: entry.identityId),
                    \(bind: entry.target), \(bind: entry.method), \(bind: entry.path),
                    \(bind: Int64(entry.status)), \(bind: entry.upstreamStatus.map(Int64.init)))
                    """
                }
                try await db.run(
                    """
                    INSERT INTO audit_log (
                        id, at, action, api_key_id, service_id, identity_id, target, method, path, status,
                        upstream_status
                    ) VALUES \(rows.joined(separator: ", "))
                    """)
            }
        }
    }

    /// A page of audit entries, newest first.
    public func auditEntries(_ query: AuditQuery) async throws -> AuditPage {
        guard (1...AuditQuery.maximumLimit).contains(query.limit) else {
            throw KeywayError.invalid("invalid_limit", "'limit' must be between 1 and \(AuditQuery.maximumLimit).")
        }
        var conditions: SQLQueryString = "1 = 1"
        if let cursor = query.cursor { conditions = conditions + " AND seq < \(bind: try IdentityCursor.decode(cursor))" }
        if let id = query.identityId { conditions = conditions + " AND identity_id = \(bind: id)" }
        if let id = query.serviceId { conditions = conditions + " AND service_id = \(bind: id)" }
        if let id = query.apiKeyId { conditions = conditions + " AND api_key_id = \(bind: id)" }
        if let since = query.since { conditions = conditions + " AND at >= \(bind: since.millisecondsSince1970)" }
        let limit = query.limit
        let filter = conditions
        return try await read("reading the audit log") { db in
            let rows = try await db.rows(
                """
                SELECT \(Self.auditColumns) FROM audit_log WHERE \(filter)
                ORDER BY seq DESC LIMIT \(bind: limit + 1)
                """)
            let items = try rows.prefix(limit).map(Self.auditEntry(from:))
            let next = try rows.count > limit ? rows[limit - 1].int64("seq") : nil
            return AuditPage(items: items, next: next.map(IdentityCursor.encode))
        }
    }

    /// Deletes audit entries older than a time; returns how many.
    public func pruneAudit(before date: Date) async throws -> Int {
        try await transaction("pruning the audit log") { db in
            try await db.rows("DELETE FROM audit_log WHERE at < \(bind: date.millisecondsSince1970) RETURNING seq").count
        }
    }

    private static func auditEntry(from row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            id: try row.string("id"), time: try row.date("at"), action: try row.string("action"),
            apiKeyId: try row.optionalString("api_key_id"), serviceId: try row.optionalString("service_id"),
            identityId: try row.optionalString("identity_id"), target: try row.optionalString("target"),
            method: try row.optionalString("method"), path: try row.optionalString("path"),
            status: Int(try row.int64("status")), upstreamStatus: try row.optionalInt64("upstream_status").map(Int.init))
    }
}
