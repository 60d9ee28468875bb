/// How far a master key rotation has come, reported after every batch.
public struct ResealProgress: Sendable, Hashable {
    /// The table being re-sealed (`services`, `sessions`, `identities`, then `meta` for the key check).
    public var table: String
    /// Rows of that table looked at so far in this sweep.
    public var examined: Int
    /// Rows the table held when the sweep began.
    public var total: Int
    /// Sealed values written under the new key so far, every table and sweep included.
    public var resealed: Int
    /// The sweep: 1, then 2 and on when rows changed under the rotation and are looked at again.
    public var sweep: Int

    /// Creates a progress report.
    public init(table: String, examined: Int, total: Int, resealed: Int, sweep: Int) {
        self.table = table
        self.examined = examined
        self.total = total
        self.resealed = resealed
        self.sweep = sweep
    }
}
