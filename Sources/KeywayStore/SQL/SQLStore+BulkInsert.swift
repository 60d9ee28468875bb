import KeywayCore
import SQLKit

extension SQLStore {
    /// Rows per multi-row `INSERT` (13 values a row: well under SQLite's and PostgreSQL's bind limits).
    static let bulkInsertRows = 500

    /// Stores many new identities in one transaction, each exactly as ``insertIdentity(_:)`` stores one (sealed,
    /// tag-indexed, an `identity.created` event for the endpoints that want it), with multi-row inserts: for
    /// imports and seeding. All or none are stored.
    ///
    /// - Throws: `conflict` when an id or an exact tag set already exists; `service_not_found` for an unknown service.
    public func insertIdentities(_ identities: [Identity]) async throws {
        guard let first = identities.first else { return }
        let records = try identities.map { try IdentityRecord($0, sealer: sealer) }
        try await transaction(
            "storing identities",
            conflict: KeywayError(
                .conflict, "conflict", "An identity with one of these ids, or with exactly its tags, already exists."),
            missingParent: .serviceNotFound(first.serviceId)
        ) { db in
            var start = 0
            while start < records.count {
                let chunk = records[start..<min(start + Self.bulkInsertRows, records.count)]
                start += Self.bulkInsertRows
                let rows = chunk.map { record -> SQLQueryString in
                    """
                    (\(bind: record.id), \(bind: record.serviceId), \(bind: record.tagsJSON), \(bind: record.tagsDigest),
                    \(bind: record.refreshable), \(bind: record.status), \(bind: record.statusReason),
                    \(bind: record.credentialsSealed), \(bind: record.metadataJSON), \(bind: record.expiresAt),
                    \(bind: record.createdAt), \(bind: record.updatedAt), \(bind: record.version))
                    """
                }
                try await db.run(
                    """
                    INSERT INTO identities (
                        id, service_id, tags, tags_digest, refreshable, status, status_reason, credentials_sealed,
                        metadata, expires_at, created_at, updated_at, version
                    )
                    VALUES \(rows.joined(separator: ", "))
                    """)
                let tagRows = chunk.flatMap { record in
                    record.tags.sorted { $0.key < $1.key }.map { key, value -> SQLQueryString in
                        """
                        (\(bind: record.id), \(bind: record.serviceId), \(bind: key), \(bind: value),
                        (SELECT seq FROM identities WHERE id = \(bind: record.id)))
                        """
                    }
                }
                if !tagRows.isEmpty {
                    try await db.run(
                        """
                        INSERT INTO identity_tags (identity_id, service_id, tag_key, tag_value, identity_seq)
                        VALUES \(tagRows.joined(separator: ", "))
                        """)
                }
            }
            try await Self.enqueue(identities.map { .identity($0, .identityCreated, at: $0.createdAt) }, in: db)
        }
    }
}
