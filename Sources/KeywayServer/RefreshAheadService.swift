import KeywayCore
import Logging
import ServiceLifecycle

/// Refreshes identities ahead of need on a fixed interval, and deletes long-expired sessions, as a
/// ServiceLifecycle service that stops cleanly on graceful shutdown.
public struct RefreshAheadService: ServiceLifecycle.Service, Sendable {
    let keyway: Keyway
    let interval: Duration
    let idleAfter: Duration?
    let logger: Logger

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - keyway: the engine.
    ///   - interval: the pause between passes.
    ///   - idleAfter: refresh identities not written for this long even when not due (nil: never).
    ///   - logger: where to log failures of a whole pass.
    public init(keyway: Keyway, interval: Duration = .seconds(30), idleAfter: Duration? = .seconds(14 * 86_400), logger: Logger) {
        self.keyway = keyway
        self.interval = interval
        self.idleAfter = idleAfter
        self.logger = logger
    }

    /// Runs passes until graceful shutdown or cancellation.
    public func run() async throws {
        let idleSeconds = idleAfter.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await keyway.refreshAhead(idleAfter: idleSeconds)
                    try await keyway.sweepExpiredSessions()
                    try await keyway.flushAPIKeyUsage()
                } catch {
                    logger.error("a maintenance pass failed", metadata: ["error": "\(String(describing: type(of: error)))"])
                }
                try? await Task.sleep(for: interval)
            }
        }
        // On shutdown, the keys' last use seen since the last pass is written before the store closes.
        do {
            try await keyway.flushAPIKeyUsage()
        } catch {
            logger.warning("recording API key use at shutdown failed")
        }
    }
}
