import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    /// The largest page ``identities(serviceId:matching:limit:after:)`` returns.
    public static let maximumPageSize = 1000

    /// The columns every identity query selects.
    static let identityColumns: SQLQueryString = """
        seq, id, service_id, tags, status, status_reason, credentials_sealed, metadata, created_at, updated_at,
        version
        """

    /// Stores a new identity and indexes its tags, in one transaction; its credentials are sealed to its row.
    ///
    /// - Throws: `conflict` when the id is taken or another identity of the service has exactly these
    ///   (non-empty) tags; `service_not_found` when the service is gone.
    public func insertIdentity(_ identity: Identity) async throws {
        let record = try IdentityRecord(identity, sealer: sealer)
        try await transaction(
            "storing an identity",
            conflict: KeywayError(
                .conflict, "conflict", "An identity with this id, or with exactly these tags, already exists."),
            missingParent: .serviceNotFound(identity.serviceId)
        ) { db in
            try await db.run(
                """
                INSERT INTO identities (
                    id, service_id, tags, tags_digest, refreshable, status, status_reason, credentials_sealed,
                    metadata, expires_at, created_at, updated_at, version
                )
                VALUES (
                    \(bind: record.id), \(bind: record.serviceId), \(bind: record.tagsJSON), \(bind: record.tagsDigest),
                    \(bind: record.refreshable), \(bind: record.status),
                    \(bind: record.statusReason), \(bind: record.credentialsSealed), \(bind: record.metadataJSON),
                    \(bind: record.expiresAt), \(bind: record.createdAt), \(bind: record.updatedAt),
                    \(bind: record.version)
                )
                """)
            try await Self.insertTags(record.tags, identityId: record.id, serviceId: record.serviceId, in: db)
            try await Self.enqueue([.identity(identity, .identityCreated, at: identity.createdAt)], in: db)
        }
    }

    /// One identity of a service.
    public func identity(serviceId: String, id: String) async throws -> Identity? {
        try await read("reading an identity") { db in
            try await db.firstRow(
                """
                SELECT \(Self.identityColumns) FROM identities
                WHERE id = \(bind: id) AND service_id = \(bind: serviceId)
                """
            ).map(self.identity(from:))
        }
    }

    /// A page of a service's identities carrying all the given tags, in insertion order.
    ///
    /// - Parameters:
    ///   - limit: 1 to ``maximumPageSize``.
    ///   - cursor: the `next` of the previous page, or nil for the first.
    /// - Throws: `invalid_cursor` for a cursor this method did not return, `invalid_limit` for a limit out of range.
    public func identities(serviceId: String, matching tags: Tags, limit: Int, after cursor: String?) async throws
        -> IdentityPage
    {
        guard (1...Self.maximumPageSize).contains(limit) else {
            throw KeywayError.invalid("invalid_limit", "'limit' must be between 1 and \(Self.maximumPageSize).")
        }
        let after = try cursor.map(IdentityCursor.decode) ?? 0
        return try await read("listing identities") { db in
            let rows: [any SQLRow]
            if tags.isEmpty {
                rows = try await db.rows(
                    """
                    SELECT \(Self.identityColumns) FROM identities
                    WHERE service_id = \(bind: serviceId) AND seq > \(bind: after)
                    ORDER BY seq
                    LIMIT \(bind: limit + 1)
                    """)
            } else {
                let page = try await Self.pageOfTagged(
                    serviceId: serviceId, tags: tags, after: after, limit: limit + 1, in: db)
                rows = try await db.rows(
                    """
                    SELECT \(Self.identityColumns) FROM identities
                    WHERE service_id = \(bind: serviceId) AND seq IN (\(page))
                    ORDER BY seq
                    """)
            }
            let items = try rows.prefix(limit).map(self.identity(from:))
            let next = try rows.count > limit ? rows[limit - 1].int64("seq") : nil
            return IdentityPage(items: items, next: next.map(IdentityCursor.encode))
        }
    }

    /// How many identities a service has.
    public func countIdentities(serviceId: String) async throws -> Int {
        try await read("counting identities") { db in
            let row = try await db.firstRow(
                "SELECT COUNT(*) AS identity_count FROM identities WHERE service_id = \(bind: serviceId)")
            return Int(try row?.int64("identity_count") ?? 0)
        }
    }

    /// Writes an identity only if its stored version still equals `expectedVersion`, re-indexing its tags
    /// when they changed, in one transaction. Its id, service and creation time are not changed.
    public func updateIdentity(_ identity: Identity, expectedVersion: Int64) async throws -> Bool {
        try await updateIdentity(identity, expectedVersion: expectedVersion, event: nil)
    }

    /// Like ``updateIdentity(_:expectedVersion:)``; when written, `event` (if any) is enqueued for the webhook
    /// endpoints that want it in the same transaction.
    public func updateIdentity(_ identity: Identity, expectedVersion: Int64, event: WebhookEventType?) async throws
        -> Bool
    {
        let record = try IdentityRecord(identity, sealer: sealer)
        return try await transaction("updating an identity") { db in
            guard
                let current = try await db.firstRow(
                    """
                    SELECT tags FROM identities
                    WHERE id = \(bind: record.id) AND service_id = \(bind: record.serviceId)
                        AND version = \(bind: expectedVersion)
                    """)
            else { return false }
            let updated = try await db.rows(
                """
                UPDATE identities SET
                    tags = \(bind: record.tagsJSON),
                    tags_digest = \(bind: record.tagsDigest),
                    refreshable = \(bind: record.refreshable),
                    status = \(bind: record.status),
                    status_reason = \(bind: record.statusReason),
                    credentials_sealed = \(bind: record.credentialsSealed),
                    metadata = \(bind: record.metadataJSON),
                    expires_at = \(bind: record.expiresAt),
                    updated_at = \(bind: record.updatedAt),
                    version = \(bind: record.version)
                WHERE id = \(bind: record.id) AND service_id = \(bind: record.serviceId)
                    AND version = \(bind: expectedVersion)
                RETURNING id
                """)
            guard !updated.isEmpty else { return false }
            if try current.json("tags", as: Tags.self) != record.tags {
                try await Self.deleteTags(identityId: record.id, in: db)
                try await Self.insertTags(record.tags, identityId: record.id, serviceId: record.serviceId, in: db)
            }
            if let event {
                try await Self.enqueue([.identity(identity, event, at: identity.updatedAt)], in: db)
            }
            return true
        }
    }

    /// Deletes one identity and its tags; false when there was none.
    /// Enqueues `identity.deleted` in the same transaction.
    public func deleteIdentity(serviceId: String, id: String) async throws -> Bool {
        try await transaction("deleting an identity") { db in
            try await db.run(
                "DELETE FROM identity_tags WHERE identity_id = \(bind: id) AND service_id = \(bind: serviceId)")
            let deleted = try await db.rows(
                """
                DELETE FROM identities WHERE id = \(bind: id) AND service_id = \(bind: serviceId)
                RETURNING id, service_id, tags, status, status_reason
                """)
            try await Self.enqueue(try deleted.map(Self.deletedEvent(from:)), in: db)
            return !deleted.isEmpty
        }
    }

    /// The `identity.deleted` event of a row just deleted.
    static func deletedEvent(from row: any SQLRow) throws -> WebhookEvent {
        WebhookEvent(
            id: SecureRandom.identifier(prefix: "evt"), type: .identityDeleted, timestamp: Date(),
            data: WebhookEventData(
                identityId: try row.string("id"), serviceId: try row.string("service_id"),
                tags: try row.json("tags", as: Tags.self), status: try row.string("status"),
                statusReason: try row.optionalString("status_reason")))
    }

    /// Deletes every identity of a service carrying all the given tags (every identity of the service when
    /// `tags` is empty), with their tags, in one transaction; returns how many.
    public func deleteIdentities(serviceId: String, matching tags: Tags) async throws -> Int {
        try await transaction("deleting identities") { db in
            let ids = try await db.rows(
                """
                SELECT id FROM identities
                WHERE service_id = \(bind: serviceId)\(Self.tagConditions(serviceId: serviceId, tags: tags))
                """
            ).map { try $0.string("id") }
            var deleted = 0
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                try await db.run("DELETE FROM identity_tags WHERE identity_id IN (\(binds: chunk))")
                let rows = try await db.rows(
                    "DELETE FROM identities WHERE id IN (\(binds: chunk)) RETURNING id, service_id, tags, status, status_reason")
                try await Self.enqueue(try rows.map(Self.deletedEvent(from:)), in: db)
                deleted += rows.count
            }
            return deleted
        }
    }

    /// An identity from its row, its credentials opened with the row's binding. One whose credentials do not
    /// open with its row as it stands (`integrity_failed`) comes back with status `integrity_failed`, no
    /// credentials and the reason, and is logged: listed, never used, never written back.
    func identity(from row: any SQLRow) throws -> Identity {
        let id = try row.string("id")
        let serviceId = try row.string("service_id")
        let metadata = try row.json("metadata", as: [String: String].self)
        guard var status = IdentityStatus(rawValue: try row.string("status")) else { throw Self.corrupt("identities") }
        var statusReason = try row.optionalString("status_reason")
        let credentials: Credentials
        do {
            let opened = try sealer.open(
                row.data("credentials_sealed"), .credentials, row: id,
                binding: .identity(serviceId: serviceId, metadata: metadata))
            credentials = try StoreJSON.decode(Credentials.self, data: opened)
        } catch let error as KeywayError where error.code == KeywayError.integrityFailedCode {
            logger.error("identity failed its integrity check", metadata: ["identity": "\(id)", "service": "\(serviceId)"])
            credentials = Credentials(accessToken: "")
            status = .integrityFailed
            statusReason = error.message
        }
        return Identity(
            id: id,
            serviceId: serviceId,
            tags: try row.json("tags", as: Tags.self),
            status: status,
            statusReason: statusReason,
            credentials: credentials,
            metadata: metadata,
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"),
            version: try row.int64("version"))
    }
}
