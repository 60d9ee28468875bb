import Synchronization

/// A value shared by concurrent test tasks, behind a lock.
public final class Locked<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    /// Wraps an initial value.
    public init(_ value: Value) {
        storage = Mutex(value)
    }

    /// Reads or changes the value under the lock.
    @discardableResult
    public func withLock<T: Sendable>(_ body: (inout Value) -> T) -> T {
        storage.withLock { body(&$0) }
    }

    /// The value now.
    public var value: Value { storage.withLock { $0 } }
}
