import KeywayCore

extension SQLStore {
    /// The lock name of one identity's refresh.
    static func refreshLockKey(_ identityId: String) -> String { "refresh:" + identityId }

    /// Runs `body` holding the identity's refresh lock: on PostgreSQL an advisory lock every replica
    /// respects, held on a dedicated connection for as long as `body` runs; on SQLite, which one process
    /// uses, `body` runs directly.
    public func withRefreshLock<T: Sendable>(identityId: String, _ body: @Sendable () async throws -> T)
        async throws -> T
    {
        let result = try await lock(identityId, wait: true, body)
        guard let result else {
            throw KeywayError(.internal, "internal_error", "A refresh lock was reported busy to a caller that waits.")
        }
        return result
    }

    /// Runs `body` holding the identity's refresh lock, or returns nil at once when another process holds it.
    public func withRefreshLockIfFree<T: Sendable>(identityId: String, _ body: @Sendable () async throws -> T)
        async throws -> T?
    {
        try await lock(identityId, wait: false, body)
    }

    private func lock<T: Sendable>(_ identityId: String, wait: Bool, _ body: @Sendable () async throws -> T)
        async throws -> T?
    {
        // The body's own errors pass through unchanged; only the lock's failures are mapped.
        let outcome: Result<T, any Error>?
        do {
            outcome = try await database.withExclusiveLock(Self.refreshLockKey(identityId), wait: wait) {
                do { return Result<T, any Error>.success(try await body()) } catch { return .failure(error) }
            }
        } catch {
            throw mapped(error, operation: "taking a refresh lock", conflict: nil, missingParent: nil)
        }
        return try outcome?.get()
    }
}
