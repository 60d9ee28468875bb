import Synchronization

/// Values recently read from the store, trusted for a short lifetime so that hot paths (API keys, services)
/// do not read the store on every request. A value changed or deleted through this engine is forgotten at
/// once; one changed on another replica is seen within the lifetime.
final class RecentValues<Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let loaded: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let lifetime: Duration
    private let capacity: Int

    init(lifetime: Duration, capacity: Int = 1024) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The value for a key, if it was read within the lifetime.
    func value(for key: String) -> Value? {
        entries.withLock { entries in
            guard let entry = entries[key], ContinuousClock.now - entry.loaded < lifetime else { return nil }
            return entry.value
        }
    }

    /// Remembers a value just read from the store.
    func remember(_ value: Value, for key: String) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, loaded: .now)
        }
    }

    /// Forgets a key.
    func forget(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
