import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    /// Stores a new webhook endpoint, its secret sealed to its row and URL.
    public func insertWebhookEndpoint(_ endpoint: WebhookEndpoint) async throws {
        let sealed = try sealer.seal(
            endpoint.secret, .webhookSecret, row: endpoint.id, binding: .webhookEndpoint(url: endpoint.url))
        let events = try StoreJSON.text(endpoint.events.map(\.rawValue))
        try await transaction(
            "storing a webhook endpoint",
            conflict: KeywayError(.conflict, "conflict", "A webhook endpoint with this id already exists.")
        ) { db in
            try await db.run(
                """
                INSERT INTO webhook_endpoints (id, url, events, description, secret_sealed, enabled, disabled_reason, created_at)
                VALUES (
                    \(bind: endpoint.id), \(bind: endpoint.url), \(bind: events), \(bind: endpoint.description),
                    \(bind: sealed), \(bind: endpoint.enabled ? Int64(1) : 0), \(bind: endpoint.disabledReason),
                    \(bind: endpoint.createdAt.millisecondsSince1970)
                )
                """)
        }
    }

    /// Every webhook endpoint, oldest first.
    public func webhookEndpoints() async throws -> [WebhookEndpoint] {
        try await read("listing webhook endpoints") { db in
            try await db.rows("SELECT \(Self.endpointColumns) FROM webhook_endpoints ORDER BY created_at, id")
                .map(self.endpoint(from:))
        }
    }

    /// Deletes a webhook endpoint with its deliveries and their attempts.
    public func deleteWebhookEndpoint(id: String) async throws -> Bool {
        try await transaction("deleting a webhook endpoint") { db in
            try await db.run(
                """
                DELETE FROM webhook_attempts WHERE delivery_id IN
                    (SELECT id FROM webhook_deliveries WHERE endpoint_id = \(bind: id))
                """)
            try await db.run("DELETE FROM webhook_deliveries WHERE endpoint_id = \(bind: id)")
            return try await !db.rows("DELETE FROM webhook_endpoints WHERE id = \(bind: id) RETURNING id").isEmpty
        }
    }

    /// The latest deliveries of an endpoint, newest first, with their attempts oldest first.
    public func webhookDeliveries(endpointId: String, limit: Int) async throws -> [WebhookDelivery] {
        guard (1...Self.maximumPageSize).contains(limit) else {
            throw KeywayError.invalid("invalid_limit", "'limit' must be between 1 and \(Self.maximumPageSize).")
        }
        return try await read("listing webhook deliveries") { db in
            let rows = try await db.rows(
                """
                SELECT id, endpoint_id, event_id, event_type, state, next_attempt_at, created_at
                FROM webhook_deliveries WHERE endpoint_id = \(bind: endpointId)
                ORDER BY seq DESC LIMIT \(bind: limit)
                """)
            var deliveries: [WebhookDelivery] = []
            for row in rows {
                let id = try row.string("id")
                guard let type = WebhookEventType(rawValue: try row.string("event_type")),
                    let state = WebhookDeliveryState(rawValue: try row.string("state"))
                else { throw Self.corrupt("webhook_deliveries") }
                let attempts = try await db.rows(
                    """
                    SELECT attempted_at, status_code, error, duration_ms FROM webhook_attempts
                    WHERE delivery_id = \(bind: id) ORDER BY seq
                    """
                ).map { attempt in
                    WebhookAttempt(
                        at: try attempt.date("attempted_at"), statusCode: try attempt.optionalInt64("status_code").map(Int.init),
                        error: try attempt.optionalString("error"), durationMilliseconds: try attempt.int64("duration_ms"))
                }
                deliveries.append(
                    WebhookDelivery(
                        id: id, endpointId: try row.string("endpoint_id"), eventId: try row.string("event_id"),
                        eventType: type, state: state, attempts: attempts,
                        nextAttemptAt: state == .pending ? try row.optionalDate("next_attempt_at") : nil,
                        createdAt: try row.date("created_at")))
            }
            return deliveries
        }
    }

    /// Claims due deliveries of enabled endpoints. On PostgreSQL the candidate rows are locked with
    /// `FOR UPDATE SKIP LOCKED`, so replicas claiming at once take different rows; on SQLite the write
    /// transaction already excludes every other writer. The lease keeps a claimed row from being claimed again
    /// until it ends (a worker that dies mid-attempt leaves its rows to be claimed once their leases end).
    public func claimWebhookDeliveries(now: Date, leaseUntil: Date, limit: Int) async throws -> [ClaimedWebhookDelivery] {
        let claim = SecureRandom.identifier(prefix: "clm")
        let nowMS = now.millisecondsSince1970
        let skipLocked: SQLQueryString = dialect == .postgreSQL ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await transaction("claiming webhook deliveries") { db in
            try await db.rows(
                """
                UPDATE webhook_deliveries SET lease_until = \(bind: leaseUntil.millisecondsSince1970), claim = \(bind: claim)
                WHERE id IN (
                    SELECT id FROM webhook_deliveries
                    WHERE state = 'pending' AND next_attempt_at <= \(bind: nowMS) AND lease_until <= \(bind: nowMS)
                        AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE enabled = 1)
                    ORDER BY next_attempt_at, seq
                    LIMIT \(bind: limit)\(skipLocked)
                )
                RETURNING id, endpoint_id, event_id, payload, first_attempt_at, attempts
                """)
        }
        guard !rows.isEmpty else { return [] }
        let endpoints = Dictionary(
            try await webhookEndpoints().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try rows.compactMap { row in
            guard let endpoint = endpoints[try row.string("endpoint_id")] else { return nil }
            return ClaimedWebhookDelivery(
                deliveryId: try row.string("id"), claim: claim, endpoint: endpoint, eventId: try row.string("event_id"),
                payload: Data(try row.string("payload").utf8), firstAttemptAt: try row.optionalDate("first_attempt_at"),
                attemptsMade: Int(try row.int64("attempts")))
        }
    }

    /// Records an attempt of a delivery this worker still holds, and what follows from it.
    public func recordWebhookAttempt(
        _ claimed: ClaimedWebhookDelivery, attempt: WebhookAttempt, state: WebhookDeliveryState, nextAttemptAt: Date?,
        disableEndpoint reason: String?
    ) async throws -> Bool {
        let first = (claimed.firstAttemptAt ?? attempt.at).millisecondsSince1970
        return try await transaction("recording a webhook attempt") { db in
            let updated = try await db.rows(
                """
                UPDATE webhook_deliveries SET
                    state = \(bind: state.rawValue), attempts = attempts + 1, first_attempt_at = \(bind: first),
                    next_attempt_at = \(bind: nextAttemptAt?.millisecondsSince1970), lease_until = 0, claim = NULL
                WHERE id = \(bind: claimed.deliveryId) AND claim = \(bind: claimed.claim)
                RETURNING id
                """)
            guard !updated.isEmpty else { return false }
            try await db.run(
                """
                INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, error, duration_ms)
                VALUES (
                    \(bind: claimed.deliveryId), \(bind: attempt.at.millisecondsSince1970),
                    \(bind: attempt.statusCode.map(Int64.init)), \(bind: attempt.error), \(bind: attempt.durationMilliseconds)
                )
                """)
            if let reason {
                try await db.run(
                    """
                    UPDATE webhook_endpoints SET enabled = 0, disabled_reason = \(bind: reason)
                    WHERE id = \(bind: claimed.endpoint.id)
                    """)
                try await db.run(
                    """
                    UPDATE webhook_deliveries SET state = 'cancelled', next_attempt_at = NULL
                    WHERE endpoint_id = \(bind: claimed.endpoint.id) AND state = 'pending'
                    """)
            }
            return true
        }
    }

    /// Makes a delivery pending again, due now, its retry horizon counted afresh.
    ///
    /// - Throws: `webhook_disabled` when its endpoint was disabled.
    public func redeliverWebhook(deliveryId: String, now: Date) async throws -> Bool {
        try await transaction("redelivering a webhook") { db in
            guard
                let row = try await db.firstRow(
                    """
                    SELECT e.enabled AS enabled FROM webhook_deliveries d
                    JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = \(bind: deliveryId)
                    """)
            else { return false }
            guard try row.int64("enabled") == 1 else {
                throw KeywayError(
                    .conflict, "webhook_disabled",
                    "This delivery's endpoint was disabled (it answered 410 Gone); add the endpoint again.")
            }
            try await db.run(
                """
                UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = \(bind: now.millisecondsSince1970),
                    first_attempt_at = NULL, lease_until = 0, claim = NULL
                WHERE id = \(bind: deliveryId)
                """)
            return true
        }
    }

    /// Enables an endpoint again; deliveries cancelled while it was disabled stay cancelled (redeliver them).
    public func enableWebhookEndpoint(id: String) async throws -> WebhookEndpoint? {
        let found = try await transaction("enabling a webhook endpoint") { db in
            try await !db.rows(
                "UPDATE webhook_endpoints SET enabled = 1, disabled_reason = NULL WHERE id = \(bind: id) RETURNING id"
            ).isEmpty
        }
        return found ? try await webhookEndpoints().first { $0.id == id } : nil
    }

    /// How many deliveries are pending: one count over the `(state, next_attempt_at)` index.
    public func pendingWebhookDeliveryCount() async throws -> Int {
        try await read("counting pending webhook deliveries") { db in
            let row = try await db.firstRow("SELECT COUNT(*) AS pending FROM webhook_deliveries WHERE state = 'pending'")
            return Int(try row?.int64("pending") ?? 0)
        }
    }

    /// Enqueues events for every enabled endpoint that wants them, in the caller's transaction: the outbox row
    /// commits or rolls back with the change it reports.
    static func enqueue(_ events: [WebhookEvent], in db: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        let endpoints = try await db.rows("SELECT id, events FROM webhook_endpoints WHERE enabled = 1")
            .map { (id: try $0.string("id"), events: Set(try $0.json("events", as: [String].self))) }
        guard !endpoints.isEmpty else { return }
        for event in events {
            let payload = String(decoding: try event.body(), as: UTF8.self)
            let at = event.timestamp.millisecondsSince1970
            for endpoint in endpoints where endpoint.events.contains(event.type.rawValue) {
                try await db.run(
                    """
                    INSERT INTO webhook_deliveries (
                        id, endpoint_id, event_id, event_type, payload, state, attempts, next_attempt_at, lease_until,
                        created_at
                    )
                    VALUES (
                        \(bind: SecureRandom.identifier(prefix: "dlv")), \(bind: endpoint.id), \(bind: event.id),
                        \(bind: event.type.rawValue), \(bind: payload), 'pending', 0, \(bind: at), 0, \(bind: at)
                    )
                    """)
            }
        }
    }

    static let endpointColumns: SQLQueryString =
        "id, url, events, description, secret_sealed, enabled, disabled_reason, created_at"

    private func endpoint(from row: any SQLRow) throws -> WebhookEndpoint {
        let id = try row.string("id")
        let url = try row.string("url")
        // One endpoint whose secret does not open must not break listing or delivering for the others.
        let secret = try? sealer.openString(
            row.data("secret_sealed"), .webhookSecret, row: id, binding: .webhookEndpoint(url: url))
        var endpoint = WebhookEndpoint(
            id: id, url: url,
            events: try row.json("events", as: [String].self).compactMap(WebhookEventType.init(rawValue:)),
            description: try row.optionalString("description"), secret: secret ?? "", enabled: try row.int64("enabled") == 1,
            disabledReason: try row.optionalString("disabled_reason"), createdAt: try row.date("created_at"))
        endpoint.secretIntegrityFailed = secret == nil
        return endpoint
    }
}
