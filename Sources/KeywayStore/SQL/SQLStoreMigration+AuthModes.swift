extension SQLStoreMigration {
    /// Version 5: a service may override its catalog entry's auth mode (`oauth2`, `oauth2_client_credentials`,
    /// `api_key`, `basic`) and revocation endpoint; NULL keeps the entry's. An identity's own mode and client live in its sealed
    /// credentials, so identities need no column.
    static func serviceAuthMode() -> SQLStoreMigration {
        SQLStoreMigration(
            version: 5, summary: "service auth mode and revocation URL",
            statements: [
                "ALTER TABLE services ADD COLUMN auth_mode TEXT",
                "ALTER TABLE services ADD COLUMN revocation_url TEXT",
            ])
    }
}
