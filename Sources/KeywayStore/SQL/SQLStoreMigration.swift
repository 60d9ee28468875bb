/// One step of the schema: a version number and the statements that take the schema to it.
///
/// Each migration is applied once, in its own transaction, and recorded in `schema_migrations`.
struct SQLStoreMigration: Sendable, Hashable {
    /// The version it brings the schema to; versions increase by one from 1.
    var version: Int64
    /// What it does, for logs.
    var summary: String
    /// The statements, run in order.
    var statements: [String]
}
