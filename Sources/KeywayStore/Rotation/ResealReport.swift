/// What a master key rotation did.
public struct ResealReport: Sendable, Hashable, Codable {
    /// The id of the key every secret is now sealed with.
    public var keyId: String
    /// Sealed values written under that key (rows already under it are left alone).
    public var resealed: Int
    /// Sealed values the first sweep found already under that key.
    public var alreadyCurrent: Int
    /// Values a concurrent write changed first; they were looked at again in a later sweep.
    public var raced: Int
    /// How many sweeps over the tables it took.
    public var sweeps: Int
    /// Sealed values left as they were because they failed their integrity check (their rows were changed
    /// outside Keyway and stay unusable), counted once.
    public var integrityFailed: Int = 0

    /// Creates a report.
    public init(keyId: String, resealed: Int = 0, alreadyCurrent: Int = 0, raced: Int = 0, sweeps: Int = 0) {
        self.keyId = keyId
        self.resealed = resealed
        self.alreadyCurrent = alreadyCurrent
        self.raced = raced
        self.sweeps = sweeps
    }
}
