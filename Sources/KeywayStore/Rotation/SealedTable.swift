import KeywayCore
import SQLKit

/// A table with sealed columns, as re-sealing walks it: rows by their text `id`, each sealed column with
/// the field its blobs are bound to, and how to compute a row's ``SealBinding`` from the columns it selects.
struct SealedTable: Sendable {
    /// One sealed column.
    struct Column: Sendable, Hashable {
        /// Its SQL name.
        var name: String
        /// The table and column its blobs' associated data names.
        var field: SealedField
    }

    /// The table's SQL name.
    var name: String
    /// Its sealed columns.
    var columns: [Column]
    /// The columns a re-sealing read selects: `id`, the bound fields and the sealed columns.
    var selection: SQLQueryString
    /// The binding of a row read with ``selection`` (see `SealBinding+Rows.swift`).
    var binding: @Sendable (any SQLRow) throws -> SealBinding

    /// The tables whose rows carry secrets, in the order rotation re-seals them. The key check in `meta` is
    /// not among them: it moves last, once every secret opens with the new key.
    static let all: [SealedTable] = [
        SealedTable(
            name: "services", columns: [Column(name: "client_secret_sealed", field: .clientSecret)],
            selection: SQLStore.serviceColumns,
            binding: { .service(try SQLStore.serviceFields(from: $0)) }),
        SealedTable(
            name: "sessions",
            columns: [
                Column(name: "state_sealed", field: .sessionState),
                Column(name: "code_verifier_sealed", field: .codeVerifier),
            ],
            selection: "id, service_id, tags, finished_url, params, state_sealed, code_verifier_sealed",
            binding: { row in
                .session(
                    serviceId: try row.string("service_id"), tags: try row.json("tags", as: Tags.self),
                    finishedUrl: try row.string("finished_url"),
                    params: try row.json("params", as: [String: String].self))
            }),
        SealedTable(
            name: "identities", columns: [Column(name: "credentials_sealed", field: .credentials)],
            selection: "id, service_id, metadata, credentials_sealed",
            binding: { row in
                .identity(
                    serviceId: try row.string("service_id"), metadata: try row.json("metadata", as: [String: String].self))
            }),
        SealedTable(
            name: "webhook_endpoints", columns: [Column(name: "secret_sealed", field: .webhookSecret)],
            selection: "id, url, secret_sealed",
            binding: { .webhookEndpoint(url: try $0.string("url")) }),
    ]
}
