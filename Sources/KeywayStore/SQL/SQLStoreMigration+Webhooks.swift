extension SQLStoreMigration {
    /// Version 6: webhook endpoints (secrets sealed), the outbox of deliveries (one row per event and endpoint,
    /// written in the transaction of the change) and every delivery attempt.
    static func webhooks(_ dialect: SQLStoreDialect) -> SQLStoreMigration {
        SQLStoreMigration(
            version: 6, summary: "webhooks and their outbox",
            statements: [
                """
                CREATE TABLE webhook_endpoints (
                    id TEXT PRIMARY KEY,
                    url TEXT NOT NULL,
                    events TEXT NOT NULL,
                    description TEXT,
                    secret_sealed \(dialect.blobType) NOT NULL,
                    enabled BIGINT NOT NULL,
                    disabled_reason TEXT,
                    created_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE webhook_deliveries (
                    seq \(dialect.autoIncrementPrimaryKey),
                    id TEXT NOT NULL UNIQUE,
                    endpoint_id TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    event_type TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts BIGINT NOT NULL,
                    first_attempt_at BIGINT,
                    next_attempt_at BIGINT,
                    lease_until BIGINT NOT NULL,
                    claim TEXT,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at)",
                "CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, seq)",
                """
                CREATE TABLE webhook_attempts (
                    seq \(dialect.autoIncrementPrimaryKey),
                    delivery_id TEXT NOT NULL,
                    attempted_at BIGINT NOT NULL,
                    status_code BIGINT,
                    error TEXT,
                    duration_ms BIGINT NOT NULL
                )
                """,
                "CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (delivery_id, seq)",
            ])
    }
}
