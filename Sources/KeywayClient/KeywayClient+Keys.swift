import Foundation
import KeywayAPI

extension KeywayClient {
    /// A Keyway API key as lists show it: its scopes, limits, expiry and last use. The key itself (`key`) is
    /// set only in the answer of ``createKey(name:scopes:services:tags:expiresIn:)``, shown that once, and never
    /// printed by `description`.
    public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
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

        /// The same as ``description``: never the key.
        public var debugDescription: String { description }

        /// A key as `GET /v1/keys` lists it.
        init(_ wire: Components.Schemas.APIKey) {
            id = wire.id
            name = wire.name
            createdAt = wire.createdAt
            scopes = wire.scopes.map(\.rawValue)
            services = wire.services
            tags = wire.tags?.additionalProperties
            expiresAt = wire.expiresAt
            lastUsedAt = wire.lastUsedAt
        }

        /// A key as `POST /v1/keys` made it, with the key itself.
        init(_ wire: Components.Schemas.CreatedAPIKey) {
            id = wire.id
            name = wire.name
            createdAt = wire.createdAt
            scopes = wire.scopes.map(\.rawValue)
            services = wire.services
            tags = wire.tags?.additionalProperties
            expiresAt = wire.expiresAt
            key = wire.key
        }
    }

    /// Makes an API key. Omitted scopes and limits are the calling key's own, so an admin key making a key for
    /// an app names what the app needs:
    ///
    /// ```swift
    /// let app = try await keyway.createKey(name: "newsletter", scopes: ["tokens:read"], services: ["hubspot"])
    /// ```
    ///
    /// - Returns: the key with its `key` set: keep it, it is not shown again.
    /// - Throws: ``KeywayClientError`` with `insufficient_scope` when the calling key cannot make such a key, or
    ///   `invalid_scope` (kind `invalidArgument`, nothing sent) for a scope the contract does not name.
    public func createKey(
        name: String, scopes: [String]? = nil, services: [String]? = nil, tags: [String: String]? = nil,
        expiresIn: Duration? = nil
    ) async throws -> APIKey {
        let seconds = expiresIn.map { Double($0.components.seconds) + Double($0.components.attoseconds) * 1e-18 }
        let body = Components.Schemas.NewAPIKey(
            name: name, scopes: try scopes.map { try Self.contractValues($0, code: "invalid_scope", of: "scope") },
            services: services, tags: tags.map { .init(additionalProperties: $0) }, expiresIn: seconds)
        return try await run { api in APIKey(try await api.createKey(body: .json(body)).created.body.json) }
    }

    /// Every API key, without the keys themselves.
    public func keys() async throws -> [APIKey] {
        try await run { api in try await api.listKeys().ok.body.json.items.map(APIKey.init) }
    }

    /// Deletes an API key; requests presenting it get 401 from then on.
    public func deleteKey(_ id: String) async throws {
        _ = try await run { api in try await api.deleteKey(path: .init(key: id)).noContent }
    }

    /// The contract's enum values named by `names`, in order.
    ///
    /// - Throws: ``KeywayClientError`` with `code` (kind `invalidArgument`) for a name the contract does not know,
    ///   before anything is sent.
    static func contractValues<Value: RawRepresentable & CaseIterable>(_ names: [String], code: String, of what: String)
        throws(KeywayClientError) -> [Value] where Value.RawValue == String
    {
        var values: [Value] = []
        for name in names {
            guard let value = Value(rawValue: name) else {
                throw KeywayClientError(
                    kind: .invalidArgument, code: code,
                    message: "Unknown \(what) '\(name.prefix(64))'; known: "
                        + Value.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            values.append(value)
        }
        return values
    }
}
