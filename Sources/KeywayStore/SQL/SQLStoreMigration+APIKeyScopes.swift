extension SQLStoreMigration {
    /// Version 4: API keys carry scopes, limits (services, a tag filter), an optional expiry and their last use.
    ///
    /// `scopes` is added without a default and every existing key is then set to `admin`, what it could do
    /// before; a row whose scopes are missing later reads as no scope at all (it fails closed).
    static func apiKeyScopes() -> SQLStoreMigration {
        SQLStoreMigration(
            version: 4, summary: "API key scopes, limits, expiry and last use",
            statements: [
                "ALTER TABLE api_keys ADD COLUMN scopes TEXT",
                "UPDATE api_keys SET scopes = 'admin'",
                // A JSON array of service ids; NULL for every service.
                "ALTER TABLE api_keys ADD COLUMN service_limits TEXT",
                // A JSON object of tag pairs every reachable identity carries; NULL for every identity.
                "ALTER TABLE api_keys ADD COLUMN tag_limits TEXT",
                "ALTER TABLE api_keys ADD COLUMN expires_at BIGINT",
                "ALTER TABLE api_keys ADD COLUMN last_used_at BIGINT",
            ])
    }
}
