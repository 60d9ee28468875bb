import Foundation

extension Keyway {
    /// How long a key read from the store is trusted without reading it again: a key deleted on another
    /// replica stops working there within this bound (on the replica that deleted it, at once).
    public static let apiKeyCacheLifetime: Duration = .seconds(2)
    /// How long an unknown key id is remembered as unknown, so that a client retrying a bad key does not cost
    /// a store read per request. Short, because a key created on another replica just after a miss is refused
    /// here for at most this long. At most 4096 ids are remembered (the oldest are dropped all at once), so a
    /// flood of random ids cannot grow memory; each new random id still costs one indexed read.
    public static let unknownAPIKeyCacheLifetime: Duration = .seconds(1)

    /// The stored key a presented `kw_…` key names, if its secret matches (compared in constant time).
    public func authenticate(apiKey presented: String) async throws -> APIKey? {
        guard let (id, secret) = APIKeyParser.parse(presented), let record = try await storedAPIKey(id: id) else {
            return nil
        }
        return APIKeyParser.matches(secret, expectedHash: record.secretHash) ? record : nil
    }

    /// The stored key record, remembered for ``apiKeyCacheLifetime`` so that every request does not read it;
    /// an unknown id is remembered as unknown for ``unknownAPIKeyCacheLifetime``.
    func storedAPIKey(id: String) async throws -> APIKey? {
        // Key ids are `key_` and 16 hex digits; a longer one is no key, and is not worth a read or a cache entry.
        guard id.utf8.count <= 64 else { return nil }
        if let cached = recentKeys.value(for: id) { return cached }
        if unknownKeys.value(for: id) != nil { return nil }
        apiKeyReads.add(1, ordering: .relaxed)
        guard let stored = try await store.apiKey(id: id) else {
            unknownKeys.remember(true, for: id)
            return nil
        }
        recentKeys.remember(stored, for: id)
        return stored
    }

    /// How many times this engine read an API key record from the store (cache misses): a statistic for tests
    /// and operators.
    package var apiKeyStoreReads: Int { apiKeyReads.load(ordering: .relaxed) }

    /// Makes and stores a new API key; the returned full key is shown once and never stored.
    public func createAPIKey(name: String) async throws -> NewAPIKey {
        guard !name.isEmpty, name.count <= 100 else {
            throw KeywayError.invalid("invalid_name", "A key name is 1 to 100 characters.")
        }
        let key = NewAPIKey.generate(name: name, now: now())
        try await store.insertAPIKey(key.record)
        unknownKeys.forget(key.record.id)
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
