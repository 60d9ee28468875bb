import Foundation
import KeywayCore
import Logging
import ServiceLifecycle
import Synchronization

/// The audit log's write side: entries wait in memory and are written in batches, every ``flushInterval`` or
/// as soon as ``batchSize`` are waiting, and once more at shutdown, so that a token read pays for an append to
/// an array, not a database write. As a ``Service`` it also prunes entries older than the retention.
///
/// A crash loses at most the last interval's entries. When the store fails, entries are kept for the next
/// flush up to ``capacity``; beyond it the oldest are dropped and counted (`keyway_audit_entries_dropped_total`).
public final class AuditLog: ServiceLifecycle.Service, Sendable {
    /// Entries per batch that trigger an early flush.
    public static let batchSize = 500
    /// The most entries kept waiting when the store fails.
    public static let capacity = 100_000

    let store: any AuditStore
    let retention: Duration?
    let flushInterval: Duration
    let pruneInterval: Duration
    let now: @Sendable () -> Date
    let metrics: KeywayMetrics?
    let logger: Logger
    private let pending = Mutex<[AuditEntry]>([])
    private let flushing = AsyncFlushGate()
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>

    /// Creates an audit log.
    ///
    /// - Parameters:
    ///   - store: where entries are written.
    ///   - retention: how long entries are kept (nil: for ever).
    ///   - flushInterval: the longest an entry waits in memory.
    ///   - pruneInterval: time between pruning passes.
    ///   - now: the clock entries are stamped with.
    public init(
        store: any AuditStore, retention: Duration? = .seconds(90 * 86_400), flushInterval: Duration = .seconds(1),
        pruneInterval: Duration = .seconds(3600), now: @escaping @Sendable () -> Date = { Date() },
        metrics: KeywayMetrics? = nil, logger: Logger
    ) {
        self.store = store
        self.retention = retention
        self.flushInterval = flushInterval
        self.pruneInterval = pruneInterval
        self.now = now
        self.metrics = metrics
        self.logger = logger
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues one entry.
    public func record(_ entry: AuditEntry) {
        let count = pending.withLock { entries in
            entries.append(entry)
            return entries.count
        }
        if count >= Self.batchSize { wake.yield() }
    }

    /// Writes every waiting entry now.
    public func flush() async {
        await flushing.run {
            let batch = self.pending.withLock { entries in
                defer { entries.removeAll(keepingCapacity: true) }
                return entries
            }
            guard !batch.isEmpty else { return }
            do {
                try await self.store.appendAudit(batch)
            } catch {
                self.logger.error("could not write the audit log", metadata: ["entries": "\(batch.count)"])
                let dropped = self.pending.withLock { entries -> Int in
                    entries.insert(contentsOf: batch, at: 0)
                    let excess = max(0, entries.count - Self.capacity)
                    entries.removeFirst(excess)
                    return excess
                }
                if dropped > 0 { self.metrics?.auditDropped(dropped) }
            }
        }
    }

    /// Deletes entries older than the retention; returns how many.
    @discardableResult
    public func prune() async throws -> Int {
        guard let retention else { return 0 }
        let seconds = Double(retention.components.seconds)
        return try await store.pruneAudit(before: now().addingTimeInterval(-seconds))
    }

    /// Flushes every ``flushInterval`` (or at once when a batch is full) and prunes every ``pruneInterval``
    /// until a graceful shutdown, then flushes what is left.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in self.wakes { await self.flush() }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: self.flushInterval)
                        self.wake.yield()
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        do {
                            let pruned = try await self.prune()
                            if pruned > 0 { self.logger.info("pruned the audit log", metadata: ["entries": "\(pruned)"]) }
                        } catch {
                            self.logger.error("could not prune the audit log")
                        }
                        try? await Task.sleep(for: self.pruneInterval)
                    }
                }
                await group.waitForAll()
            }
        }
        await flush()
    }
}

/// Runs one flush at a time.
final class AsyncFlushGate: Sendable {
    private let busy = Mutex<[CheckedContinuation<Void, Never>]?>(nil)

    func run(_ body: @Sendable () async -> Void) async {
        let mustWait = busy.withLock { waiters -> Bool in
            if waiters == nil {
                waiters = []
                return false
            }
            return true
        }
        if mustWait {
            await withCheckedContinuation { continuation in
                let queued = busy.withLock { waiters -> Bool in
                    if waiters == nil {
                        waiters = []
                        return false
                    }
                    waiters!.append(continuation)
                    return true
                }
                if !queued { continuation.resume() }
            }
        }
        await body()
        let next = busy.withLock { waiters -> CheckedContinuation<Void, Never>? in
            guard var list = waiters, !list.isEmpty else {
                waiters = nil
                return nil
            }
            let first = list.removeFirst()
            waiters = list
            return first
        }
        next?.resume()
    }
}
