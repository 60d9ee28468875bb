import Foundation

extension Keyway {
    /// The stored key a presented `kw_…` key names, if its secret matches (compared in constant time).
    public func authenticate(apiKey presented: String) async throws -> APIKey? {
        guard let (id, secret) = APIKeyParser.parse(presented), let record = try await storedAPIKey(id: id) else {
            return nil
        }
        return APIKeyParser.matches(secret, expectedHash: record.secretHash) ? record : nil
    }

    /// The stored key record, remembered for a few seconds so that every request does not read it.
    func storedAPIKey(id: String) async throws -> APIKey? {
        if let cached = recentKeys.value(for: id) { return cached }
        guard let stored = try await store.apiKey(id: id) else { return nil }
        recentKeys.remember(stored, for: id)
        return stored
    }

    /// Makes and stores a new API key; the returned full key is shown once and never stored.
    public func createAPIKey(name: String) async throws -> NewAPIKey {
        guard !name.isEmpty, name.count <= 100 else {
            throw KeywayError.invalid("invalid_name", "A key name is 1 to 100 characters.")
        }
        let key = NewAPIKey.generate(name: name, now: now())
        try await store.insertAPIKey(key.record)
        logger.info("api key created", metadata: ["key": "\(key.record.id)"])
        return key
    }

    /// Every API key record (ids and names; never secrets).
    public func apiKeys() async throws -> [APIKey] {
        try await store.apiKeys().sorted { $0.createdAt < $1.createdAt }
    }

    /// Deletes an API key.
    public func deleteAPIKey(id: String) async throws {
        recentKeys.forget(id)
        guard try await store.deleteAPIKey(id: id) else {
            throw KeywayError(.notFound, "key_not_found", "No API key '\(id.prefix(80))'.")
        }
        logger.info("api key deleted", metadata: ["key": "\(id)"])
    }
}
