import Foundation
import NIOCore

/// The one deadline over an exchange with a provider: the request, the answer's head and its whole body.
///
/// AsyncHTTPClient's own deadline ends once the head arrives, so a provider trickling its body could hold
/// Keyway (a callback, a refresh and its lock, a proxied call) for as long as it liked. Work run under
/// ``run(_:)`` is cancelled at the deadline instead, which cancels the request and closes its connection.
struct ProviderDeadline: Sendable {
    /// When the exchange must be over.
    let instant: ContinuousClock.Instant

    /// A deadline `duration` from now.
    init(after duration: Duration) {
        instant = .now + duration
    }

    /// The same deadline for AsyncHTTPClient, which bounds the head (and the connection) on its own.
    var nioDeadline: NIODeadline {
        let remaining = instant - .now
        return .now() + .nanoseconds(remaining > .zero ? remaining.nanoseconds : 0)
    }

    /// Runs `operation`, cancelling it at the deadline.
    ///
    /// - Throws: ``ProviderDeadlineExceeded`` when the deadline passed first, or what `operation` threw.
    func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: DeadlineRace<T>.self) { group in
            group.addTask { .finished(try await operation()) }
            group.addTask { [instant] in
                try await Task.sleep(until: instant, clock: .continuous)
                return .deadlinePassed
            }
            // Whatever comes first, the other is cancelled; the group then waits for it, which a cancelled
            // HTTP exchange ends at once.
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw ProviderDeadlineExceeded() }
            switch first {
            case .finished(let value): return value
            case .deadlinePassed: throw ProviderDeadlineExceeded()
            }
        }
    }
}

/// The deadline of an exchange with a provider passed before the exchange ended.
struct ProviderDeadlineExceeded: Error {}

/// Which of an operation and its deadline finished first.
private enum DeadlineRace<T: Sendable>: Sendable {
    case finished(T)
    case deadlinePassed
}
