import Crypto
import Foundation

/// A management API key as stored: its id, name and the hash of its secret, never the secret.
public struct APIKey: Sendable, Hashable {
    /// The public part of the key, such as `key_…`.
    public var id: String
    /// The operator's label.
    public var name: String
    /// SHA-256 of the secret part.
    public var secretHash: Data
    /// When it was created.
    public var createdAt: Date
    /// What it may do.
    public var scopes: KeyScopes
    /// Which services and identities it may reach.
    public var limits: KeyLimits
    /// When it stops working, if ever.
    public var expiresAt: Date?
    /// When it was last used, as last recorded (kept in memory and written at most every
    /// ``Keyway/apiKeyUsageFlushInterval``).
    public var lastUsedAt: Date?

    /// Creates a stored key record; without scopes, an admin key.
    public init(
        id: String, name: String, secretHash: Data, createdAt: Date, scopes: KeyScopes = .admin,
        limits: KeyLimits = .unrestricted, expiresAt: Date? = nil, lastUsedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.scopes = scopes
        self.limits = limits
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
    }

    /// Whether the key has expired at `date`.
    public func isExpired(at date: Date) -> Bool {
        expiresAt.map { $0 <= date } ?? false
    }

    /// Whether a key with these scopes and limits may make (or delete) `other`: it must allow every scope and
    /// cover every limit of `other`, so that no key can hand out more than it holds.
    public func covers(_ other: APIKey) -> Bool {
        scopes.covers(other.scopes) && limits.covers(other.limits)
    }
}

/// A freshly made API key: the record to store and the full key, shown once.
public struct NewAPIKey: Sendable {
    /// What the store keeps.
    public var record: APIKey
    /// The whole key, `kw_<id>_<secret>`; shown to the operator once.
    public var key: String

    /// Makes a new random key; without scopes, an admin key.
    public static func generate(
        name: String, now: Date = Date(), scopes: KeyScopes = .admin, limits: KeyLimits = .unrestricted,
        expiresAt: Date? = nil
    ) -> NewAPIKey {
        let id = "key_" + SecureRandom.bytes(8).map { String(format: "%02x", $0) }.joined()
        let secret = SecureRandom.token(bytes: 32)
        let record = APIKey(
            id: id, name: name, secretHash: APIKeyParser.hash(secret), createdAt: now, scopes: scopes, limits: limits,
            expiresAt: expiresAt)
        return NewAPIKey(record: record, key: "kw_\(id)_\(secret)")
    }
}

/// Splits a presented key into its id and secret, and compares secrets in constant time.
public enum APIKeyParser {
    /// The id and secret of a presented `kw_<id>_<secret>` key, or nil when it has another shape.
    public static func parse(_ key: String) -> (id: String, secret: String)? {
        guard key.hasPrefix("kw_key_") else { return nil }
        let rest = key.dropFirst(3)  // "key_<id>_<secret>"
        let afterPrefix = rest.dropFirst(4)
        guard let underscore = afterPrefix.firstIndex(of: "_") else { return nil }
        let id = "key_" + afterPrefix[..<underscore]
        let secret = String(afterPrefix[afterPrefix.index(after: underscore)...])
        guard !secret.isEmpty, id.count > 4 else { return nil }
        return (id, secret)
    }

    /// SHA-256 of a secret.
    public static func hash(_ secret: String) -> Data {
        Data(SHA256.hash(data: Data(secret.utf8)))
    }

    /// Whether `secret` hashes to `expectedHash`, compared in constant time.
    public static func matches(_ secret: String, expectedHash: Data) -> Bool {
        let actual = hash(secret)
        guard actual.count == expectedHash.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(actual, expectedHash) { difference |= a ^ b }
        return difference == 0
    }
}
