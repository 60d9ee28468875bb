extension SQLStoreMigration {
    /// Version 8: identities by last write, so that a refresh-ahead pass finds idle identities (not written for
    /// `--refresh-idle-after`) by an index range instead of reading every identity (a million rows: a full scan
    /// on every pass).
    static func identitiesByUpdate() -> SQLStoreMigration {
        SQLStoreMigration(
            version: 8, summary: "identities indexed by last write",
            statements: ["CREATE INDEX identities_by_update ON identities (updated_at)"])
    }
}
