import Foundation
import KeywayCore
import KeywayTestSupport
import NIOHTTP1
import SQLKit

extension Harness {
    /// Creates a key in the engine and returns a client presenting it.
    func client(
        scopes: Set<KeyScope>, limits: KeyLimits = .unrestricted, lifetime: TimeInterval? = nil, name: String = "scoped"
    ) async throws -> (HTTP, APIKey) {
        let key = try await keyway.createAPIKey(name: name, scopes: KeyScopes(scopes), limits: limits, lifetime: lifetime)
        var http = self.http
        http.apiKey = key.key
        return (http, key.record)
    }

    /// How many rows a table holds, read from the database itself.
    func count(_ table: String) async throws -> Int {
        try await store.database.read { db in
            try await db.raw(SQLQueryString("SELECT COUNT(*) AS n FROM \(table)")).first()!
                .decode(column: "n", as: Int.self)
        }
    }

    /// Stores a connected-looking identity directly (no provider round trip), for tests that need many.
    func storeIdentity(service: String = "hubspot", tags: Tags) async throws -> String {
        let id = "idn_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let date = clock.now
        try await store.insertIdentity(
            Identity(
                id: id, serviceId: service, tags: tags,
                credentials: Credentials(
                    accessToken: "stored-\(id)", refreshToken: "refresh-\(id)", tokenType: "Bearer",
                    expiresAt: date.addingTimeInterval(3600), native: [:]),
                metadata: [:], createdAt: date, updatedAt: date))
        return id
    }
}

/// A request of the route table.
struct RouteCall: Sendable {
    var method: HTTPMethod
    var path: String
    var body: String? = nil
    var headers: [(String, String)] = []
}
