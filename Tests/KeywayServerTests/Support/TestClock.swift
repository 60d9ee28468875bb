import Foundation
import Synchronization

/// A clock that runs with real time but can be moved forward, for lifetimes and expiry.
final class TestClock: Sendable {
    private let offset = Mutex<TimeInterval>(0)

    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func advance(by interval: TimeInterval) {
        offset.withLock { $0 += interval }
    }
}
