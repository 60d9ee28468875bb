import Foundation
import Synchronization

/// A clock that runs with real time but can be moved forward, for lifetimes and expiry, and can be frozen so
/// that a slow, loaded machine does not age tokens in the middle of a test.
public final class TestClock: Sendable {
    private struct State {
        var offset: TimeInterval = 0
        var frozenAt: Date?
    }

    private let state = Mutex(State())

    /// Creates a clock at the real time.
    public init() {}

    public var now: Date {
        state.withLock { ($0.frozenAt ?? Date()).addingTimeInterval($0.offset) }
    }

    public func advance(by interval: TimeInterval) {
        state.withLock { $0.offset += interval }
    }

    /// Stops the clock where it is: from now on it moves only by ``advance(by:)``.
    public func freeze() {
        state.withLock { $0.frozenAt = $0.frozenAt ?? Date() }
    }
}
