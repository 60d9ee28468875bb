import Foundation
import KeywayCore
import Logging
import ServiceLifecycle
import Synchronization

/// The audit log's write side: entries wait in memory and are written in batches (one multi-row insert per
/// batch), every ``flushInterval`` or as soon as ``batchSize`` are waiting, and once more at a graceful
/// shutdown, so that a token read pays for an append to an array, not a database write. As a ``Service`` it also
/// prunes entries older than the retention.
///
/// Memory is bounded: at most ``capacity`` entries wait or are being written. When that many are, a request
/// that records one waits until a write has made room, rather than dropping it; when the store fails, the
/// batch goes back to wait for the next flush. A crash loses at most the entries not yet written (the last
/// ``flushInterval``'s).
///
/// When an entry can be read: at once on this process, since ``flush()`` runs before every audit read here
/// (`GET /v1/audit`, the dashboard); from the store directly or on another replica, within ``flushInterval``
/// (1 s by default) of its request's answer while the store accepts writes.
public final class AuditLog: ServiceLifecycle.Service, Sendable {
    /// Entries per batch that trigger an early flush.
    public static let batchSize = 500
    /// The most entries waiting or being written, by default.
    public static let capacity = 100_000

    let store: any AuditStore
    let retention: Duration?
    let flushInterval: Duration
    let pruneInterval: Duration
    let now: @Sendable () -> Date
    let metrics: KeywayMetrics?
    let logger: Logger
    /// The most entries waiting or being written.
    let capacity: Int

    private struct Pending {
        var entries: [AuditEntry] = []
        /// Entries taken by the flush under way.
        var writing = 0
        /// Requests waiting for room.
        var waiters: [CheckedContinuation<Void, Never>] = []
        var occupied: Int { entries.count + writing }
    }

    private let pending = Mutex(Pending())
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
        metrics: KeywayMetrics? = nil, capacity: Int = AuditLog.capacity, logger: Logger
    ) {
        self.capacity = max(1, capacity)
        self.store = store
        self.retention = retention
        self.flushInterval = flushInterval
        self.pruneInterval = pruneInterval
        self.now = now
        self.metrics = metrics
        self.logger = logger
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues one entry; waits while ``capacity`` entries are waiting or being written.
    public func record(_ entry: AuditEntry) async {
        while true {
            let queued = pending.withLock { pending -> Int? in
                guard pending.occupied < capacity else { return nil }
                pending.entries.append(entry)
                return pending.entries.count
            }
            if let queued {
                if queued >= Self.batchSize { wake.yield() }
                return
            }
            wake.yield()
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let parked = pending.withLock { pending -> Bool in
                    guard pending.occupied >= capacity else { return false }
                    pending.waiters.append(continuation)
                    return true
                }
                if !parked { continuation.resume() }
            }
        }
    }

    /// Writes every waiting entry now, in one transaction of multi-row inserts.
    public func flush() async {
        await flushing.run {
            let batch = self.pending.withLock { pending in
                defer {
                    pending.writing = pending.entries.count
                    pending.entries.removeAll(keepingCapacity: true)
                }
                return pending.entries
            }
            guard !batch.isEmpty else { return }
            var written = true
            do {
                try await self.store.appendAudit(batch)
            } catch {
                written = false
                self.logger.error("could not write the audit log", metadata: ["entries": "\(batch.count)"])
            }
            let waiters = self.pending.withLock { pending -> [CheckedContinuation<Void, Never>] in
                pending.writing = 0
                if !written { pending.entries.insert(contentsOf: batch, at: 0) }
                guard pending.occupied < self.capacity else { return [] }
                defer { pending.waiters.removeAll() }
                return pending.waiters
            }
            for waiter in waiters { waiter.resume() }
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
