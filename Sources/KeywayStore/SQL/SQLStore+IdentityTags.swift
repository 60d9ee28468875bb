import KeywayCore
import SQLKit

extension SQLStore {
    /// `AND` conditions keeping the identities that carry every one of `tags`, one `identity_tags`
    /// lookup per tag; empty when there are no tags.
    static func tagConditions(serviceId: String, tags: Tags) -> SQLQueryString {
        tags.sorted { $0.key < $1.key }.map { key, value -> SQLQueryString in
            """
             AND id IN (
                SELECT identity_id FROM identity_tags
                WHERE service_id = \(bind: serviceId) AND tag_key = \(bind: key) AND tag_value = \(bind: value)
            )
            """
        }.joined()
    }

    /// Indexes an identity's tags.
    static func insertTags(_ tags: Tags, identityId: String, serviceId: String, in db: any SQLDatabase) async throws {
        guard !tags.isEmpty else { return }
        let rows = tags.sorted { $0.key < $1.key }.map { key, value -> SQLQueryString in
            "(\(bind: identityId), \(bind: serviceId), \(bind: key), \(bind: value))"
        }
        try await db.run(
            """
            INSERT INTO identity_tags (identity_id, service_id, tag_key, tag_value)
            VALUES \(rows.joined(separator: ", "))
            """)
    }

    /// Removes an identity's tags from the index.
    static func deleteTags(identityId: String, in db: any SQLDatabase) async throws {
        try await db.run("DELETE FROM identity_tags WHERE identity_id = \(bind: identityId)")
    }
}
