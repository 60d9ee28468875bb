import KeywayCore
import Logging
import ServiceLifecycle

/// The webhook delivery worker: claims due deliveries from the store's outbox and attempts them, as a
/// ServiceLifecycle service. On graceful shutdown it claims nothing more and lets the attempts in flight finish
/// (each bounded by its deadline); a delivery whose process died mid-attempt is claimed again when its lease ends.
public struct WebhookDeliveryService: ServiceLifecycle.Service, Sendable {
    let keyway: Keyway
    let interval: Duration
    let logger: Logger

    /// Creates the worker.
    ///
    /// - Parameter interval: the pause after a pass that found nothing due.
    public init(keyway: Keyway, interval: Duration = .seconds(1), logger: Logger) {
        self.keyway = keyway
        self.interval = interval
        self.logger = logger
    }

    /// Runs passes until graceful shutdown or cancellation.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            var attempted = 0
            do {
                attempted = try await keyway.deliverDueWebhooks()
            } catch {
                logger.error("a webhook delivery pass failed", metadata: ["error": "\(String(describing: type(of: error)))"])
            }
            if attempted == 0 {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            }
        }
    }
}
