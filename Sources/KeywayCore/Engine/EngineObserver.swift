/// Told of what the engine does that an operator watches: refreshes, waits for the refresh lock and webhook
/// delivery attempts. The
/// server counts them as metrics; the engine itself keeps no counters.
///
/// Implementations are called on the token path and must return at once.
public protocol EngineObserver: Sendable {
    /// A refresh ran under the refresh lock and ended: `outcome` is `success` or the error's stable code.
    func refreshFinished(outcome: String, duration: Duration)
    /// A refresh waited this long for the refresh lock (this process's and the store's).
    func refreshLockAcquired(waited: Duration)
    /// A webhook delivery attempt ended: `outcome` is `delivered`, `retry`, `gave_up` or `disabled` (a 410).
    func webhookAttemptFinished(outcome: String, duration: Duration)
    /// The webhook outbox holds this many pending deliveries, as counted after a pass of the delivery worker.
    func webhookOutboxDepth(_ pending: Int)
}

extension EngineObserver {
    /// Ignores webhook attempts, for observers that watch refreshes only.
    public func webhookAttemptFinished(outcome: String, duration: Duration) {}
    /// Ignores the outbox depth, for observers that watch refreshes only.
    public func webhookOutboxDepth(_ pending: Int) {}
}

/// The observer that ignores everything: the default.
public struct SilentEngineObserver: EngineObserver {
    public init() {}
    public func refreshFinished(outcome: String, duration: Duration) {}
    public func refreshLockAcquired(waited: Duration) {}
}
