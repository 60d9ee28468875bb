extension SQLStoreMigration {
    /// The statement creating the migrations ledger, run before anything else.
    static let ledger = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            applied_at BIGINT NOT NULL
        )
        """

    /// Every migration, oldest first. Append new ones; never edit one that has shipped.
    static func all(for dialect: SQLStoreDialect) -> [SQLStoreMigration] {
        [
            initialSchema(dialect), browserBindingAndIssuer(dialect), revokedDashboardPasses(), apiKeyScopes(),
            serviceAuthMode(), webhooks(dialect), auditLog(dialect),
            identitiesByUpdate(), tagsInPageOrder(),
        ]
    }

    /// Version 3: dashboard passes signed out before their expiry, kept until that expiry.
    private static func revokedDashboardPasses() -> SQLStoreMigration {
        SQLStoreMigration(
            version: 3, summary: "revoked dashboard passes",
            statements: [
                """
                CREATE TABLE revoked_dashboard_passes (
                    id TEXT PRIMARY KEY,
                    expires_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX revoked_dashboard_passes_by_expiry ON revoked_dashboard_passes (expires_at)",
            ])
    }

    /// Version 1: services, sessions, identities with their tag index, API keys and meta.
    private static func initialSchema(_ dialect: SQLStoreDialect) -> SQLStoreMigration {
        let blob = dialect.blobType
        return SQLStoreMigration(
            version: 1, summary: "initial schema",
            statements: [
                """
                CREATE TABLE services (
                    id TEXT PRIMARY KEY,
                    provider TEXT NOT NULL,
                    client_id TEXT NOT NULL,
                    client_secret_sealed \(blob) NOT NULL,
                    scopes TEXT NOT NULL,
                    authorization_params TEXT NOT NULL,
                    authorization_url TEXT,
                    token_url TEXT,
                    api_base_url TEXT,
                    pkce INTEGER,
                    token_auth_method TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE sessions (
                    id TEXT PRIMARY KEY,
                    service_id TEXT NOT NULL REFERENCES services (id),
                    state_hash \(blob) NOT NULL UNIQUE,
                    state_sealed \(blob) NOT NULL,
                    tags TEXT NOT NULL,
                    finished_url TEXT NOT NULL,
                    params TEXT NOT NULL,
                    code_verifier_sealed \(blob),
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX sessions_by_service ON sessions (service_id)",
                "CREATE INDEX sessions_by_expiry ON sessions (expires_at)",
                """
                CREATE TABLE identities (
                    seq \(dialect.autoIncrementPrimaryKey),
                    id TEXT NOT NULL UNIQUE,
                    service_id TEXT NOT NULL REFERENCES services (id),
                    tags TEXT NOT NULL,
                    tags_digest TEXT,
                    refreshable BIGINT NOT NULL DEFAULT 1,
                    status TEXT NOT NULL,
                    status_reason TEXT,
                    credentials_sealed \(blob) NOT NULL,
                    metadata TEXT NOT NULL,
                    expires_at BIGINT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    version BIGINT NOT NULL
                )
                """,
                "CREATE INDEX identities_by_service ON identities (service_id, seq)",
                "CREATE INDEX identities_by_expiry ON identities (expires_at)",
                // One identity per exact, non-empty tag set (NULL digests, for no tags, never collide).
                "CREATE UNIQUE INDEX identities_by_tags ON identities (service_id, tags_digest)",
                """
                CREATE TABLE identity_tags (
                    identity_id TEXT NOT NULL REFERENCES identities (id),
                    service_id TEXT NOT NULL,
                    tag_key TEXT NOT NULL,
                    tag_value TEXT NOT NULL,
                    PRIMARY KEY (identity_id, tag_key)
                )
                """,
                "CREATE INDEX identity_tags_lookup ON identity_tags (service_id, tag_key, tag_value, identity_id)",
                """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    secret_hash \(blob) NOT NULL,
                    created_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE meta (
                    name TEXT PRIMARY KEY,
                    value \(blob) NOT NULL
                )
                """,
            ])
    }

    /// Version 2: each session remembers the browser that opened its connect link (the hash of the token in that
    /// browser's cookie), and a service may record its provider's issuer for the RFC 9207 `iss` check.
    private static func browserBindingAndIssuer(_ dialect: SQLStoreDialect) -> SQLStoreMigration {
        SQLStoreMigration(
            version: 2, summary: "session browser binding, service issuer",
            statements: [
                "ALTER TABLE sessions ADD COLUMN browser_hash TEXT",
                "ALTER TABLE services ADD COLUMN issuer TEXT",
            ])
    }
}
