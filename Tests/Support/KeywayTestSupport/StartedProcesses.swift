import Foundation

/// The replicas started so far, stopped together however the test ends.
public final class StartedProcesses: @unchecked Sendable {
    private let lock = NSLock()
    private var processes: [KeywayProcess] = []

    /// An empty list.
    public init() {}

    /// Adds a started process.
    public func add(_ process: KeywayProcess) {
        lock.withLock { processes.append(process) }
    }

    /// Stops every process still running.
    public func stopAll() {
        for process in lock.withLock({ processes }) { process.stop() }
    }
}
