/// The resources an API key may reach, whatever its scopes: some services only, and only identities whose tags
/// carry every pair of a filter (such as `tenantId=contoso`). Unlimited by default.
///
/// What the limits do not cover does not exist for the key when it reads or deletes: such services and
/// identities answer 404 as if absent, and lists leave them out. Creating something outside them (a service
/// not in the list, a session whose tags contradict the filter) is 403 `insufficient_scope`.
public struct KeyLimits: Sendable, Hashable {
    /// The services the key may reach; nil for every service.
    public var services: Set<String>?
    /// Pairs every reachable identity carries; empty for every identity.
    public var tags: Tags

    /// Creates limits.
    public init(services: Set<String>? = nil, tags: Tags = [:]) {
        self.services = services
        self.tags = tags
    }

    /// No limits.
    public static let unrestricted = KeyLimits()

    /// Whether these limit anything.
    public var isUnrestricted: Bool { services == nil && tags.isEmpty }

    /// Whether the key may reach a service.
    public func allows(serviceId: String) -> Bool {
        services?.contains(serviceId) ?? true
    }

    /// Whether the key may reach an identity of a reachable service carrying `identityTags`.
    public func allows(identityTags: Tags) -> Bool {
        tags.allSatisfy { identityTags[$0.key] == $0.value }
    }

    /// The filter to search with when the caller asks for `requested`: the requested pairs plus the key's own,
    /// or nil when they contradict (no identity the key may reach can match).
    public func narrowing(_ requested: Tags) -> Tags? {
        var merged = requested
        for (key, value) in tags {
            if let asked = merged[key], asked != value { return nil }
            merged[key] = value
        }
        return merged
    }

    /// Whether every resource `other` reaches is reachable under these: a key may only make keys it covers.
    public func covers(_ other: KeyLimits) -> Bool {
        if let services {
            guard let theirs = other.services, theirs.isSubset(of: services) else { return false }
        }
        return tags.allSatisfy { other.tags[$0.key] == $0.value }
    }

    /// The tags a new identity gets when a key with these limits starts a session with `requested`: the key's
    /// pairs are added; a contradicting pair is refused.
    public func applied(to requested: Tags) throws(KeywayError) -> Tags {
        guard let merged = narrowing(requested) else {
            throw KeyLimits.refused("This key is limited to identities tagged \(tagText).")
        }
        return merged
    }

    /// Checks that the key may create or change a service.
    public func checkWrite(serviceId: String) throws(KeywayError) {
        guard allows(serviceId: serviceId) else {
            throw KeyLimits.refused(
                "This key is limited to the services \((services ?? []).sorted().joined(separator: ", ")).")
        }
    }

    /// The filter as `k=v` pairs, for messages and lists.
    public var tagText: String {
        tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The 403 for an act outside a key's scopes or limits.
    public static func refused(_ message: String) -> KeywayError {
        KeywayError(.forbidden, "insufficient_scope", message)
    }
}
