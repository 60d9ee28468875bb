import Foundation

extension KeywayClient {
    /// A Keyway API key as lists show it: its scopes, limits, expiry and last use. The key itself (`key`) is
    /// set only in the answer of ``createKey(name:scopes:services:tags:expiresIn:)``, shown that once, and never
    /// printed by `description`.
    public struct APIKey: Decodable, Sendable, Hashable, CustomStringConvertible {
        public var id: String
        public var name: String
        public var createdAt: Date
        /// Such as `tokens:read`, `identities:write`, `admin`.
        public var scopes: [String]
        /// The services the key reaches; nil for every service.
        public var services: [String]?
        /// The tag pairs every identity it reaches carries; nil for every identity.
        public var tags: [String: String]?
        public var expiresAt: Date?
        public var lastUsedAt: Date?
        /// The whole key (`kw_…`), in the answer that created it only.
        public var key: String?

        public var description: String {
            "APIKey(id: \(id), name: \(name), scopes: \(scopes)\(key == nil ? "" : ", key: <redacted>"))"
        }
    }

    struct NewKey: Encodable, Sendable {
        var name: String
        var scopes: [String]?
        var services: [String]?
        var tags: [String: String]?
        var expiresIn: Double?
    }

    /// Makes an API key. Omitted scopes and limits are the calling key's own, so an admin key making a key for
    /// an app names what the app needs:
    ///
    /// ```swift
    /// let app = try await keyway.createKey(name: "newsletter", scopes: ["tokens:read"], services: ["hubspot"])
    /// ```
    ///
    /// - Returns: the key with its `key` set: keep it, it is not shown again.
    /// - Throws: ``KeywayClientError`` with `insufficient_scope` when the calling key cannot make such a key.
    public func createKey(
        name: String, scopes: [String]? = nil, services: [String]? = nil, tags: [String: String]? = nil,
        expiresIn: Duration? = nil
    ) async throws -> APIKey {
        let seconds = expiresIn.map { Double($0.components.seconds) + Double($0.components.attoseconds) * 1e-18 }
        return try await call(
            .POST, "/v1/keys",
            body: NewKey(name: name, scopes: scopes, services: services, tags: tags, expiresIn: seconds),
            as: APIKey.self)
    }

    /// Every API key, without the keys themselves.
    public func keys() async throws -> [APIKey] {
        try await call(.GET, "/v1/keys", as: Items<APIKey>.self).items
    }

    /// Deletes an API key; requests presenting it get 401 from then on.
    public func deleteKey(_ id: String) async throws {
        try await send(.DELETE, "/v1/keys/" + PercentEncoding.escape(id))
    }
}
