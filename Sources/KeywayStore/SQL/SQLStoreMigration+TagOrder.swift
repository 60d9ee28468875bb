extension SQLStoreMigration {
    /// Version 9: each tag row carries its identity's `seq`, indexed after the tag, so that a tag filter walks one
    /// tag's identities in page order and stops at the page's end. Before, a filter walked every identity of the
    /// service in order and tested each against the tag (a rare tag among a million identities: a million
    /// rows for one token read), or collected every identity of a common tag before taking a page.
    static func tagsInPageOrder() -> SQLStoreMigration {
        SQLStoreMigration(
            version: 9, summary: "tags indexed in page order",
            statements: [
                "ALTER TABLE identity_tags ADD COLUMN identity_seq BIGINT",
                """
                UPDATE identity_tags
                SET identity_seq = (SELECT seq FROM identities WHERE identities.id = identity_tags.identity_id)
                """,
                """
                CREATE INDEX identity_tags_in_page_order
                ON identity_tags (service_id, tag_key, tag_value, identity_seq)
                """,
            ])
    }
}
