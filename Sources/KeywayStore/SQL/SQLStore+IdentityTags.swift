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

    /// How many rows of one tag a filter counts, at most, to choose the tag it walks.
    static let drivingTagCountBound = 10_000

    /// The `seq`s of the first `limit` identities of a service after `cursor` that carry every one of `tags`
    /// (not empty), in order: a subquery that walks one tag's rows in page order (`identity_tags_in_page_order`)
    /// and tests each against the other tags by primary key, so a page costs the walked tag's rows up to the
    /// page's end, not the service's identities.
    ///
    /// The walked tag is the one with the fewest rows, each counted up to ``drivingTagCountBound``: one cheap
    /// query when the filter has more than one tag.
    static func pageOfTagged(
        serviceId: String, tags: Tags, after cursor: Int64, limit: Int, in db: any SQLDatabase
    ) async throws -> SQLQueryString {
        let sorted = tags.sorted { $0.key < $1.key }
        var driving = 0
        if sorted.count > 1 {
            let counts = sorted.enumerated().map { index, tag -> SQLQueryString in
                """
                (SELECT COUNT(*) FROM (
                    SELECT 1 FROM identity_tags
                    WHERE service_id = \(bind: serviceId) AND tag_key = \(bind: tag.key) AND tag_value = \(bind: tag.value)
                    LIMIT \(bind: drivingTagCountBound)
                ) AS bounded) AS \(ident: "c\(index)")
                """
            }
            if let row = try await db.firstRow("SELECT \(counts.joined(separator: ", "))") {
                let sizes = try sorted.indices.map { try row.int64("c\($0)") }
                driving = sizes.indices.min { sizes[$0] < sizes[$1] } ?? 0
            }
        }
        let walked = sorted[driving]
        let others = sorted.enumerated().filter { $0.offset != driving }.map { _, tag -> SQLQueryString in
            """
             AND EXISTS (
                SELECT 1 FROM identity_tags other
                WHERE other.identity_id = walked.identity_id
                AND other.tag_key = \(bind: tag.key) AND other.tag_value = \(bind: tag.value)
            )
            """
        }
        return """
            SELECT walked.identity_seq FROM identity_tags walked
            WHERE walked.service_id = \(bind: serviceId) AND walked.tag_key = \(bind: walked.key)
            AND walked.tag_value = \(bind: walked.value) AND walked.identity_seq > \(bind: cursor)\(others.joined())
            ORDER BY walked.identity_seq
            LIMIT \(bind: limit)
            """
    }

    /// Indexes an identity's tags.
    static func insertTags(_ tags: Tags, identityId: String, serviceId: String, in db: any SQLDatabase) async throws {
        guard !tags.isEmpty else { return }
        let rows = tags.sorted { $0.key < $1.key }.map { key, value -> SQLQueryString in
            """
            (\(bind: identityId), \(bind: serviceId), \(bind: key), \(bind: value),
            (SELECT seq FROM identities WHERE id = \(bind: identityId)))
            """
        }
        try await db.run(
            """
            INSERT INTO identity_tags (identity_id, service_id, tag_key, tag_value, identity_seq)
            VALUES \(rows.joined(separator: ", "))
            """)
    }

    /// Removes an identity's tags from the index.
    static func deleteTags(identityId: String, in db: any SQLDatabase) async throws {
        try await db.run("DELETE FROM identity_tags WHERE identity_id = \(bind: identityId)")
    }
}
