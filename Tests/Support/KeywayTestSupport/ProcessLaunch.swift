import Foundation
import Synchronization

/// Starts child processes one at a time. swift-corelibs-foundation's `Process.run()` is not safe to call from
/// several threads at once (a crash in its argument and environment copying was seen when the CLI tests and
/// the replica tests started processes together), so every test that starts a process goes through here.
public enum ProcessLaunch {
    private static let gate = Mutex(())

    /// Runs `process`, waiting for any other launch in progress to finish first.
    public static func run(_ process: Process) throws {
        try gate.withLock { _ in try process.run() }
    }
}
