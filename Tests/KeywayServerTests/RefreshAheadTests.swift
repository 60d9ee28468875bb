import Foundation
import KeywayCore
import KeywayServer
import KeywayTestSupport
import Logging
import ServiceLifecycle
import Testing

/// Refreshing ahead of need, so that reads rarely wait for the provider and refresh tokens do not lapse.
@Suite("Refresh ahead")
struct RefreshAheadTests {
    @Test("a pass refreshes identities due within the margin, and a read then needs no grant")
    func due() async throws {
        try await Harness.run { h in
            let due = try await h.connect(tags: ["tenantId": "a"])
            h.clock.advance(by: 1000)
            let later = try await h.connect(tags: ["tenantId": "b"])  // 1800 s left
            h.clock.advance(by: 600)  // the first has 200 s left, the second 1200 s
            let report = try await h.keyway.refreshAhead(idleAfter: nil)
            #expect(report.examined == 1)
            #expect(report.refreshed == 1)
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)
            let dueNow = try #require(try await h.store.identity(serviceId: "hubspot", id: due))
            #expect(dueNow.version == 2)
            let laterNow = try #require(try await h.store.identity(serviceId: "hubspot", id: later))
            #expect(laterNow.version == 1)
            _ = try await h.keyway.token(serviceId: "hubspot", identityId: due)
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)
        }
    }

    @Test("a pass refreshes identities idle for longer than the threshold even when not due")
    func idle() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            h.clock.advance(by: 700)  // 1100 s left: not due
            #expect(try await h.keyway.refreshAhead(idleAfter: 3600).examined == 0)
            let report = try await h.keyway.refreshAhead(idleAfter: 600)
            #expect(report.refreshed == 1)
            #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)
            #expect(try #require(try await h.store.identity(serviceId: "hubspot", id: id)).version == 2)
        }
    }

    @Test("the service runs passes on its interval and stops cleanly on graceful shutdown")
    func service() async throws {
        try await Harness.run { h in
            _ = try await h.connect()
            h.clock.advance(by: 1600)
            var logger = Logger(label: "refresh-ahead-test")
            logger.logLevel = .warning
            let service = RefreshAheadService(keyway: h.keyway, interval: .milliseconds(50), idleAfter: nil, logger: logger)
            let group = ServiceGroup(services: [service], gracefulShutdownSignals: [], logger: logger)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var waited = 0
                while h.sandbox.stats().tokenRequests["refresh_token"] == 0 && waited < 200 {
                    try await Task.sleep(for: .milliseconds(20))
                    waited += 1
                }
                #expect(h.sandbox.stats().tokenRequests["refresh_token"] == 1)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}

@Suite("Session sweeping")
struct SessionSweepTests {
    @Test("sessions are deleted a lifetime after they expire, not before")
    func sweep() async throws {
        try await Harness.run(sessionLifetime: 60) { h in
            let url = try await h.createSession()
            let id = try #require(url.split(separator: "/").last.map(String.init))
            h.clock.advance(by: 90)
            #expect(try await h.keyway.sweepExpiredSessions() == 0)
            #expect(try await h.store.session(id: id) != nil)
            h.clock.advance(by: 40)
            #expect(try await h.keyway.sweepExpiredSessions() == 1)
            #expect(try await h.store.session(id: id) == nil)
        }
    }
}
