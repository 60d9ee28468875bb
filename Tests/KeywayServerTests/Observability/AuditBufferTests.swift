import Foundation
import KeywayCore
import KeywayServer
import KeywayStore
import KeywayTestSupport
import Synchronization
import Testing

/// The audit log's buffer: bounded (a request waits for room rather than an entry being dropped) and written in
/// batches, in order. Entries go to the harness's real store.
@Suite("Audit buffer")
struct AuditBufferTests {
    /// The harness's store behind a gate that holds every audit write until it is opened.
    final class GatedStore: AuditStore {
        let store: SQLStore
        private let held = Mutex<[CheckedContinuation<Void, Never>]?>([])

        init(_ store: SQLStore) { self.store = store }

        func appendAudit(_ entries: [AuditEntry]) async throws {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let parked = held.withLock { held -> Bool in
                    guard held != nil else { return false }
                    held!.append(continuation)
                    return true
                }
                if !parked { continuation.resume() }
            }
            try await store.appendAudit(entries)
        }

        func open() {
            let waiting = held.withLock { held in
                defer { held = nil }
                return held ?? []
            }
            for continuation in waiting { continuation.resume() }
        }

        func auditEntries(_ query: AuditQuery) async throws -> AuditPage { try await store.auditEntries(query) }
        func pruneAudit(before date: Date) async throws -> Int { try await store.pruneAudit(before: date) }
    }

    static func entry(_ number: Int, service: String) -> AuditEntry {
        AuditEntry(
            time: Date(), action: .tokenRead, apiKeyId: nil, serviceId: service, identityId: "idn_\(number)", status: 200)
    }

    @Test("when the buffer is full, recording waits for a write to make room, and no entry is lost")
    func fullBufferWaits() async throws {
        try await Harness.run { h in
            let gated = GatedStore(h.store)
            let audit = AuditLog(store: gated, flushInterval: .seconds(60), capacity: 3, logger: h.logs.logger)
            for number in 0..<3 { await audit.record(Self.entry(number, service: "buffered")) }
            let flush = Task { await audit.flush() }
            let recorded = Mutex(false)
            let fourth = Task {
                await audit.record(Self.entry(3, service: "buffered"))
                recorded.withLock { $0 = true }
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(!recorded.withLock { $0 }, "a fourth entry was taken beyond the capacity of 3 while 3 were being written")
            gated.open()
            await flush.value
            await fourth.value
            await audit.flush()
            let stored = try await h.store.auditEntries(AuditQuery(serviceId: "buffered")).items
            #expect(stored.compactMap(\.identityId).sorted() == ["idn_0", "idn_1", "idn_2", "idn_3"])
        }
    }

    @Test("a batch is written with every entry in the order recorded")
    func batchOrder() async throws {
        try await Harness.run { h in
            let audit = AuditLog(store: h.store, flushInterval: .seconds(60), logger: h.logs.logger)
            for number in 0..<1_200 { await audit.record(Self.entry(number, service: "ordered")) }
            await audit.flush()
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await h.store.auditEntries(AuditQuery(serviceId: "ordered", limit: 500, cursor: cursor))
                seen += page.items.compactMap(\.identityId)
                cursor = page.next
            } while cursor != nil
            #expect(seen == (0..<1_200).reversed().map { "idn_\($0)" }, "entries missing or out of order")
        }
    }
}
