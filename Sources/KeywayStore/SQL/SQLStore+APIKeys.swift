import Foundation
import KeywayCore
import SQLKit

extension SQLStore {
    /// Stores a new API key record (its secret's hash, never the secret).
    ///
    /// - Throws: `conflict` when the id is taken.
    public func insertAPIKey(_ key: APIKey) async throws {
        try await transaction(
            "storing an API key",
            conflict: KeywayError(.conflict, "conflict", "An API key with this id already exists.")
        ) { db in
            try await db.run(
                """
                INSERT INTO api_keys (id, name, secret_hash, created_at)
                VALUES (
                    \(bind: key.id), \(bind: key.name), \(bind: key.secretHash),
                    \(bind: key.createdAt.millisecondsSince1970)
                )
                """)
        }
    }

    /// One API key record.
    public func apiKey(id: String) async throws -> APIKey? {
        try await read("reading an API key") { db in
            try await db.firstRow("SELECT id, name, secret_hash, created_at FROM api_keys WHERE id = \(bind: id)")
                .map(self.apiKey(from:))
        }
    }

    /// Every API key record, oldest first.
    public func apiKeys() async throws -> [APIKey] {
        try await read("listing API keys") { db in
            try await db.rows("SELECT id, name, secret_hash, created_at FROM api_keys ORDER BY created_at, id")
                .map(self.apiKey(from:))
        }
    }

    /// Deletes an API key; false when there was none.
    public func deleteAPIKey(id: String) async throws -> Bool {
        try await transaction("deleting an API key") { db in
            try await !db.rows("DELETE FROM api_keys WHERE id = \(bind: id) RETURNING id").isEmpty
        }
    }

    private func apiKey(from row: any SQLRow) throws -> APIKey {
        APIKey(
            id: try row.string("id"), name: try row.string("name"), secretHash: try row.data("secret_hash"),
            createdAt: try row.date("created_at"))
    }
}
