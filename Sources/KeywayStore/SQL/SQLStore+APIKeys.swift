import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    private static let apiKeyColumns =
        "id, name, secret_hash, created_at, scopes, service_limits, tag_limits, expires_at, last_used_at"

    /// Stores a new API key record (its secret's hash, never the secret).
    ///
    /// - Throws: `conflict` when the id is taken.
    public func insertAPIKey(_ key: APIKey) async throws {
        let services = try key.limits.services.map { try StoreJSON.text($0.sorted()) }
        let tags = key.limits.tags.isEmpty ? nil : try StoreJSON.text(key.limits.tags)
        try await transaction(
            "storing an API key",
            conflict: KeywayError(.conflict, "conflict", "An API key with this id already exists.")
        ) { db in
            try await db.run(
                """
                INSERT INTO api_keys (
                    id, name, secret_hash, created_at, scopes, service_limits, tag_limits, expires_at, last_used_at
                )
                VALUES (
                    \(bind: key.id), \(bind: key.name), \(bind: key.secretHash),
                    \(bind: key.createdAt.millisecondsSince1970), \(bind: key.scopes.text), \(bind: services),
                    \(bind: tags), \(bind: key.expiresAt?.millisecondsSince1970),
                    \(bind: key.lastUsedAt?.millisecondsSince1970)
                )
                """)
        }
    }

    /// One API key record.
    public func apiKey(id: String) async throws -> APIKey? {
        try await read("reading an API key") { db in
            try await db.firstRow("SELECT \(unsafeRaw: Self.apiKeyColumns) FROM api_keys WHERE id = \(bind: id)")
                .map(self.apiKey(from:))
        }
    }

    /// Every API key record, oldest first.
    public func apiKeys() async throws -> [APIKey] {
        try await read("listing API keys") { db in
            try await db.rows("SELECT \(unsafeRaw: Self.apiKeyColumns) FROM api_keys ORDER BY created_at, id")
                .map(self.apiKey(from:))
        }
    }

    /// Deletes an API key; false when there was none.
    public func deleteAPIKey(id: String) async throws -> Bool {
        try await transaction("deleting an API key") { db in
            try await !db.rows("DELETE FROM api_keys WHERE id = \(bind: id) RETURNING id").isEmpty
        }
    }

    /// Records when keys were last used, in one transaction; a time never moves back (another replica may have
    /// written a later one).
    public func recordAPIKeyUse(_ uses: [String: Date]) async throws {
        guard !uses.isEmpty else { return }
        try await transaction("recording API key use") { db in
            for (id, date) in uses.sorted(by: { $0.key < $1.key }) {
                let millis = date.millisecondsSince1970
                try await db.run(
                    """
                    UPDATE api_keys SET last_used_at = \(bind: millis)
                    WHERE id = \(bind: id) AND (last_used_at IS NULL OR last_used_at < \(bind: millis))
                    """)
            }
        }
    }

    private func apiKey(from row: any SQLRow) throws -> APIKey {
        // Missing scopes (a row written outside Keyway) read as none: such a key can do nothing.
        let scopes = KeyScopes(text: try row.optionalString("scopes") ?? "")
        let services = try row.optionalString("service_limits").map { try StoreJSON.decode([String].self, text: $0) }
        let tags = try row.optionalString("tag_limits").map { try StoreJSON.decode(Tags.self, text: $0) } ?? [:]
        return APIKey(
            id: try row.string("id"), name: try row.string("name"), secretHash: try row.data("secret_hash"),
            createdAt: try row.date("created_at"), scopes: scopes,
            limits: KeyLimits(services: services.map(Set.init), tags: tags), expiresAt: try row.optionalDate("expires_at"),
            lastUsedAt: try row.optionalDate("last_used_at"))
    }
}
