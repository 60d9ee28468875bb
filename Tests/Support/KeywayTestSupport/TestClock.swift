import Foundation
import Synchronization

/// A clock that runs with real time but can be moved forward, for lifetimes and expiry.
public final class TestClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    /// Creates a clock at the real time.
    public init() {}

    public var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    public func advance(by interval: TimeInterval) {
        offset.withLock { $0 += interval }
    }
}
