/// What an API key may do. A route declares the one scope it needs; ``KeyScopes/allows(_:)`` decides.
public enum KeyScope: String, Sendable, Hashable, CaseIterable, Codable {
    /// Fresh tokens (by id or by tags), the proxy and the envelope proxy; implies ``identitiesRead``.
    case tokensRead = "tokens:read"
    /// Identity lists and single identities (tags, status; never tokens).
    case identitiesRead = "identities:read"
    /// Sessions (connecting identities) and deleting identities; implies ``identitiesRead``.
    case identitiesWrite = "identities:write"
    /// Creating, changing and deleting services.
    case servicesWrite = "services:write"
    /// Listing, creating and deleting API keys, never beyond the creating key's own scopes and limits.
    case keysWrite = "keys:write"
    /// Everything, including the dashboard.
    case admin
}

/// The set of scopes a key carries.
public struct KeyScopes: Sendable, Hashable {
    /// The scopes as granted.
    public var scopes: Set<KeyScope>

    /// Creates a set.
    public init(_ scopes: Set<KeyScope>) {
        self.scopes = scopes
    }

    /// Every scope: what `keyway init`'s key and keys made before scopes existed carry.
    public static let admin = KeyScopes([.admin])

    /// Whether a request needing `needed` may go on: `admin` allows everything, and `tokens:read` and
    /// `identities:write` each include `identities:read`.
    public func allows(_ needed: KeyScope) -> Bool {
        if scopes.contains(.admin) || scopes.contains(needed) { return true }
        if needed == .identitiesRead { return scopes.contains(.tokensRead) || scopes.contains(.identitiesWrite) }
        return false
    }

    /// Whether every scope of `other` is allowed by these: a key may only make keys it covers.
    public func covers(_ other: KeyScopes) -> Bool {
        other.scopes.allSatisfy(allows)
    }

    /// The scopes in a stable order (as declared), for storage and display.
    public var sorted: [KeyScope] {
        KeyScope.allCases.filter(scopes.contains)
    }

    /// The stored form: scope names separated by spaces.
    public var text: String {
        sorted.map(\.rawValue).joined(separator: " ")
    }

    /// Reads the stored form; names this version does not know are dropped (a key never gains by them).
    public init(text: String) {
        self.init(Set(text.split(separator: " ").compactMap { KeyScope(rawValue: String($0)) }))
    }

    /// Parses scopes a caller asked for: at least one, each a known name.
    public static func parse(_ names: [String]) throws(KeywayError) -> KeyScopes {
        var scopes: Set<KeyScope> = []
        for name in names {
            guard let scope = KeyScope(rawValue: name) else {
                throw .invalid(
                    "invalid_scope",
                    "Unknown scope '\(name.prefix(40))'; scopes are "
                        + KeyScope.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            scopes.insert(scope)
        }
        guard !scopes.isEmpty else { throw .invalid("invalid_scope", "A key needs at least one scope.") }
        return KeyScopes(scopes)
    }
}
