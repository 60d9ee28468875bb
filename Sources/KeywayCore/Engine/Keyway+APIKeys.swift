import Foundation

extension Keyway {
    /// How long a key read from the store is trusted without reading it again: a key deleted on another
    /// replica stops working there within this bound (on the replica that deleted it, at once). A cached key
    /// is still checked against its expiry on every request.
    public static let apiKeyCacheLifetime: Duration = .seconds(2)
    /// How long an unknown key id is remembered as unknown, so that a client retrying a bad key does not cost
    /// a store read per request. Short, because a key created on another replica just after a miss is refused
    /// here for at most this long. At most 4096 ids are remembered (the oldest are dropped all at once), so a
    /// flood of random ids cannot grow memory; each new random id still costs one indexed read.
    public static let unknownAPIKeyCacheLifetime: Duration = .seconds(1)
    /// Keys' last use is kept in memory and written to the store at most this often (by the request that finds
    /// it due, by the maintenance pass, and on shutdown), never once per request.
    public static let apiKeyUsageFlushInterval: Duration = .seconds(60)

    /// The refusal of a key whose secret is right but whose expiry has passed.
    public static let apiKeyExpired = KeywayError(
        .unauthorized, "api_key_expired", "The API key has expired; ask an operator for a new one.")

    /// The stored key a presented `kw_…` key names, if its secret matches (compared in constant time).
    ///
    /// - Throws: ``apiKeyExpired`` when the secret matches but the key has expired (cached or not).
    public func authenticate(apiKey presented: String) async throws -> APIKey? {
        guard let (id, secret) = APIKeyParser.parse(presented), let record = try await storedAPIKey(id: id),
            APIKeyParser.matches(secret, expectedHash: record.secretHash)
        else { return nil }
        let date = now()
        if record.isExpired(at: date) { throw Self.apiKeyExpired }
        recordUse(of: record.id, at: date)
        return record
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
    ///
    /// - Parameters:
    ///   - name: the operator's label, 1 to 100 characters.
    ///   - scopes: what the key may do.
    ///   - limits: the services and identities it may reach.
    ///   - lifetime: seconds until it expires (up to ten years); nil for never.
    ///   - creator: the key making it, if any: the new key may not have a scope or reach a resource the
    ///     creator lacks (403 `insufficient_scope`).
    public func createAPIKey(
        name: String, scopes: KeyScopes = .admin, limits: KeyLimits = .unrestricted, lifetime: TimeInterval? = nil,
        by creator: APIKey? = nil
    ) async throws -> NewAPIKey {
        guard !name.isEmpty, name.count <= 100 else {
            throw KeywayError.invalid("invalid_name", "A key name is 1 to 100 characters.")
        }
        try APIKeyRules.validate(scopes: scopes, limits: limits, lifetime: lifetime)
        let date = now()
        let key = NewAPIKey.generate(
            name: name, now: date, scopes: scopes, limits: limits,
            expiresAt: lifetime.map { Date(millisecondsSince1970: date.addingTimeInterval($0).millisecondsSince1970) })
        if let creator { try APIKeyRules.checkCreator(creator, covers: key.record) }
        try await store.insertAPIKey(key.record)
        unknownKeys.forget(key.record.id)
        logger.info(
            "api key created", metadata: ["key": "\(key.record.id)", "scopes": "\(key.record.scopes.text)"])
        return key
    }

    /// Every API key record (ids, names, scopes, limits, expiry and last use; never secrets), with the last use
    /// this process has seen but not yet written.
    public func apiKeys() async throws -> [APIKey] {
        let pending = keyUsage.withLock { $0.pending }
        return try await store.apiKeys().sorted { $0.createdAt < $1.createdAt }.map { key in
            var key = key
            if let seen = pending[key.id], key.lastUsedAt.map({ $0 < seen }) ?? true { key.lastUsedAt = seen }
            return key
        }
    }

    /// Deletes an API key. With `deleter`, that key must cover the one deleted (a limited key cannot remove a
    /// broader one).
    public func deleteAPIKey(id: String, by deleter: APIKey? = nil) async throws {
        if let deleter {
            guard let target = try await store.apiKey(id: id) else {
                throw KeywayError(.notFound, "key_not_found", "No API key '\(id.prefix(80))'.")
            }
            try APIKeyRules.checkCreator(deleter, covers: target)
        }
        recentKeys.forget(id)
        guard try await store.deleteAPIKey(id: id) else {
            throw KeywayError(.notFound, "key_not_found", "No API key '\(id.prefix(80))'.")
        }
        logger.info("api key deleted", metadata: ["key": "\(id)"])
    }

    /// Writes the last use of keys seen since the previous write, if any. The maintenance pass and shutdown
    /// call it; requests call it at most every ``apiKeyUsageFlushInterval``.
    public func flushAPIKeyUsage() async throws {
        let uses = keyUsage.withLock { usage in
            let uses = usage.pending
            usage.pending = [:]
            usage.lastFlush = .now
            return uses
        }
        guard !uses.isEmpty else { return }
        do {
            try await store.recordAPIKeyUse(uses)
        } catch {
            // Put them back (unless a later use is already pending), to be written next time.
            keyUsage.withLock { usage in usage.pending.merge(uses) { max($0, $1) } }
            throw error
        }
    }

    /// Notes a key's use in memory; starts a write when the last one is older than the flush interval.
    private func recordUse(of id: String, at date: Date) {
        let due = keyUsage.withLock { usage in
            usage.pending[id] = max(usage.pending[id] ?? date, date)
            guard ContinuousClock.now - usage.lastFlush >= Self.apiKeyUsageFlushInterval else { return false }
            usage.lastFlush = .now
            return true
        }
        if due {
            Task { [self] in
                do { try await flushAPIKeyUsage() } catch {
                    logger.warning("recording API key use failed; will try again")
                }
            }
        }
    }
}

/// The last use of keys seen by this process and not yet written.
struct APIKeyUsage: Sendable {
    var pending: [String: Date] = [:]
    var lastFlush: ContinuousClock.Instant = .now
}
