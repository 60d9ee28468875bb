import KeywayCore
import Synchronization

/// Counts the operations under way so that closing waits for them, and refuses new ones once closing.
final class OperationGate: Sendable {
    private struct State {
        var closed = false
        var active = 0
        var drained: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Creates an open gate.
    init() {}

    /// Runs `body` as one operation.
    ///
    /// - Throws: ``KeywayError`` `store_closed` once ``close()`` has begun.
    func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let entered = state.withLock { state in
            guard !state.closed else { return false }
            state.active += 1
            return true
        }
        guard entered else { throw KeywayError(.internal, "store_closed", "The store is closed.") }
        defer { leave() }
        return try await body()
    }

    /// Refuses new operations and returns once those under way are over. Returns whether this call closed
    /// the gate (false when it was already closed).
    func close() async -> Bool {
        let first = state.withLock { state in
            defer { state.closed = true }
            return !state.closed
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state in
                guard state.active > 0 else { return true }
                state.drained.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
        return first
    }

    private func leave() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.active -= 1
            guard state.active == 0, state.closed else { return [] }
            defer { state.drained = [] }
            return state.drained
        }
        for waiter in waiters { waiter.resume() }
    }
}
