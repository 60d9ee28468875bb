/// What a delete by tags did: how many identities went, and what became of their grants at the provider.
public struct BulkDeletion: Sendable, Hashable {
    /// The identities deleted.
    public var deleted: Int
    /// How many deleted identities' revocations ended each way (absent outcomes: none).
    public var revocations: [RevocationOutcome: Int]

    /// Creates a summary.
    public init(deleted: Int, revocations: [RevocationOutcome: Int]) {
        self.deleted = deleted
        self.revocations = revocations
    }
}
