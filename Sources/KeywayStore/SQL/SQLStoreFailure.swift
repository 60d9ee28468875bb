/// What kind of failure a database error is, as far as the store cares.
public enum SQLStoreFailure: Sendable, Hashable {
    /// A `UNIQUE` or primary key constraint refused a row.
    case uniqueViolation
    /// A foreign key constraint refused a row (for example an identity of a service that does not exist).
    case foreignKeyViolation
    /// Anything else, with a description that is safe to log: the engine's reason, never bound values.
    case other(String)
}
