import Foundation

/// The checks on a key being made: its scopes, limits and lifetime, and that its maker holds at least as much.
package enum APIKeyRules {
    /// The longest lifetime a key may be given: ten years.
    public static let maximumLifetime: TimeInterval = 10 * 365 * 86_400

    /// Checks a new key's fields.
    public static func validate(scopes: KeyScopes, limits: KeyLimits, lifetime: TimeInterval?) throws(KeywayError) {
        guard !scopes.scopes.isEmpty else { throw .invalid("invalid_scope", "A key needs at least one scope.") }
        if let services = limits.services {
            guard !services.isEmpty, services.count <= 100 else {
                throw .invalid("invalid_limits", "A key may be limited to 1 to 100 services.")
            }
            for service in services {
                do {
                    try Service.validate(id: service)
                } catch {
                    throw .invalid("invalid_limits", "'\(service.prefix(80))' is not a service id.")
                }
            }
        }
        try TagSyntax.validate(limits.tags)
        if let lifetime {
            guard lifetime.isFinite, lifetime >= 1, lifetime <= maximumLifetime else {
                throw .invalid("invalid_expiry", "A key's lifetime is 1 second to ten years.")
            }
        }
    }

    /// Checks that `maker` may create or delete `key`: it holds `keys:write` (checked by the route) and covers
    /// every scope and limit of `key`; else 403 `insufficient_scope`.
    public static func checkCreator(_ maker: APIKey, covers key: APIKey) throws(KeywayError) {
        guard maker.scopes.covers(key.scopes) else {
            let missing = key.scopes.sorted.filter { !maker.scopes.allows($0) }.map(\.rawValue)
            throw KeyLimits.refused(
                "This key lacks the scope \(missing.joined(separator: ", ")), so it cannot make or delete a key with it.")
        }
        guard maker.limits.covers(key.limits) else {
            throw KeyLimits.refused("This key's limits do not cover that key's; it cannot make or delete it.")
        }
    }
}
