/// A table with sealed columns, as re-sealing walks it: rows by their text `id`, each sealed column with
/// the field its blobs are bound to.
struct SealedTable: Sendable, Hashable {
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

    /// The tables whose rows carry secrets, in the order rotation re-seals them. The key check in `meta` is
    /// not among them: it moves last, once every secret opens with the new key.
    static let all: [SealedTable] = [
        SealedTable(name: "services", columns: [Column(name: "client_secret_sealed", field: .clientSecret)]),
        SealedTable(
            name: "sessions",
            columns: [
                Column(name: "state_sealed", field: .sessionState),
                Column(name: "code_verifier_sealed", field: .codeVerifier),
            ]),
        SealedTable(name: "identities", columns: [Column(name: "credentials_sealed", field: .credentials)]),
    ]
}
