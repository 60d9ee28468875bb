import KeywayAPI
import KeywayCore

extension Components.Schemas.APIKey {
    /// An API key as lists show it: its id, name, creation time, scopes, limits, expiry and last use, never the
    /// key or its hash. `services` is absent for every service, `tags` for every identity; `expiresAt` for never,
    /// `lastUsedAt` until first use.
    init(_ key: APIKey) throws(KeywayError) {
        self.init(
            id: key.id, name: key.name, createdAt: key.createdAt, scopes: try key.scopes.wire,
            services: key.limits.services?.sorted(),
            tags: key.limits.tags.isEmpty ? nil : .init(additionalProperties: key.limits.tags),
            expiresAt: key.expiresAt, lastUsedAt: key.lastUsedAt)
    }
}

extension Components.Schemas.CreatedAPIKey {
    /// A key just created: the listed fields plus the full key, which is shown this once and never again.
    init(_ created: NewAPIKey) throws(KeywayError) {
        let listed = try Components.Schemas.APIKey(created.record)
        self.init(
            id: listed.id, name: listed.name, createdAt: listed.createdAt, scopes: listed.scopes,
            services: listed.services, tags: listed.tags, expiresAt: listed.expiresAt, key: created.key)
    }
}

extension KeyScopes {
    /// The scopes in the contract's order (sorted).
    var wire: [Components.Schemas.KeyScope] {
        get throws(KeywayError) {
            var scopes: [Components.Schemas.KeyScope] = []
            for scope in sorted { scopes.append(try wireCase(scope.rawValue)) }
            return scopes
        }
    }
}
