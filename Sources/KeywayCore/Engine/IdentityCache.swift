import Synchronization

/// Identities recently opened (read, unsealed and decoded) for token reads and the proxy, so that a hot
/// identity costs no store round trip, no unsealing and no JSON decoding on every call.
///
/// Correctness:
/// - On this process the cache is exact: every write this engine makes to an identity (refresh, status change,
///   reconnect, delete, delete by tags, service delete, a new identity) forgets what it changes once the write
///   returns, and a read that raced with such a write is not remembered (each write bumps a generation; a read
///   is remembered only if no write happened since it started).
/// - A write made by another process sharing the store (another replica) is seen within ``lifetime``: an entry
///   is trusted for that long after its read, then read again.
/// - Only identities whose token is not due are served from here (the caller decides with ``RefreshDecision``);
///   a due one is always refreshed through the store, under its refresh lock, where the latest version is read.
///
/// Bounded by ``capacity`` entries by id (and as many tag lookups); when full, expired entries go first, then all.
package final class IdentityCache: Sendable {
    private struct Entry {
        let identity: Identity
        let loaded: ContinuousClock.Instant
    }

    private struct TagEntry {
        let key: String
        let loaded: ContinuousClock.Instant
    }

    private struct State {
        var generation: UInt64 = 0
        var byId: [String: Entry] = [:]
        var byTags: [String: TagEntry] = [:]
    }

    private let state = Mutex(State())
    /// How long an entry is trusted: the bound on seeing another replica's writes.
    package let lifetime: Duration
    /// The most identities kept.
    package let capacity: Int

    package init(lifetime: Duration, capacity: Int) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Whether anything is ever kept (a zero lifetime or capacity turns the cache off).
    package var isEnabled: Bool { lifetime > .zero && capacity > 0 }

    /// The generation to pass to ``remember(_:matching:readAt:)``: take it before reading the store.
    package var generation: UInt64 { state.withLock { $0.generation } }

    /// The identity with this id, if read within the lifetime and not changed here since.
    package func identity(serviceId: String, id: String) -> Identity? {
        guard isEnabled else { return nil }
        let now = ContinuousClock.now
        return state.withLock { state in
            guard let entry = state.byId[Self.key(serviceId, id)], now - entry.loaded < lifetime else { return nil }
            return entry.identity
        }
    }

    /// The one identity a tag filter found, if found within the lifetime and still carrying those tags.
    package func identity(serviceId: String, matching filter: Tags) -> Identity? {
        guard isEnabled else { return nil }
        let now = ContinuousClock.now
        let tagKey = Self.key(serviceId, filter)
        return state.withLock { state in
            guard let found = state.byTags[tagKey], now - found.loaded < lifetime,
                let entry = state.byId[found.key], now - entry.loaded < lifetime,
                filter.allSatisfy({ entry.identity.tags[$0.key] == $0.value })
            else { return nil }
            return entry.identity
        }
    }

    /// Remembers an identity read from the store (and, with `filter`, that this filter names it alone), unless
    /// something was written here since `generation` was taken.
    package func remember(_ identity: Identity, matching filter: Tags? = nil, readAt generation: UInt64) {
        guard isEnabled else { return }
        let now = ContinuousClock.now
        let idKey = Self.key(identity.serviceId, identity.id)
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.byId[idKey] == nil, state.byId.count >= capacity {
                state.byId = state.byId.filter { now - $0.value.loaded < lifetime }
                if state.byId.count >= capacity { state.byId.removeAll(keepingCapacity: true) }
            }
            state.byId[idKey] = Entry(identity: identity, loaded: now)
            guard let filter else { return }
            let tagKey = Self.key(identity.serviceId, filter)
            if state.byTags[tagKey] == nil, state.byTags.count >= capacity {
                state.byTags = state.byTags.filter { now - $0.value.loaded < lifetime }
                if state.byTags.count >= capacity { state.byTags.removeAll(keepingCapacity: true) }
            }
            state.byTags[tagKey] = TagEntry(key: idKey, loaded: now)
        }
    }

    /// Forgets one identity (written or deleted here). A tag lookup that named it finds no entry by id and
    /// reads the store again.
    package func forget(serviceId: String, id: String) {
        state.withLock { state in
            state.generation &+= 1
            state.byId.removeValue(forKey: Self.key(serviceId, id))
        }
    }

    /// Forgets every tag lookup: a new identity may make a filter that named one identity name two.
    package func forgetTagLookups() {
        state.withLock { state in
            state.generation &+= 1
            state.byTags.removeAll()
        }
    }

    /// Forgets everything (deletes by tags, a service deleted).
    package func forgetAll() {
        state.withLock { state in
            state.generation &+= 1
            state.byId.removeAll()
            state.byTags.removeAll()
        }
    }

    private static func key(_ serviceId: String, _ id: String) -> String {
        serviceId + "\u{0}" + id
    }

    /// Tag values hold no control characters (``TagSyntax``), so NUL and 0x1 separate unambiguously.
    private static func key(_ serviceId: String, _ filter: Tags) -> String {
        var key = serviceId
        for (name, value) in filter.sorted(by: { $0.key < $1.key }) {
            key += "\u{0}" + name + "\u{1}" + value
        }
        return key
    }
}
