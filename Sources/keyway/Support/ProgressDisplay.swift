import Foundation
import KeywayStore
import Synchronization

/// Shows a rotation's progress on standard error: one line per table and sweep, redrawn in place on a
/// terminal and written at most every 10% of the table otherwise.
final class ProgressDisplay: Sendable {
    private let enabled: Bool
    private let terminal = isatty(STDERR_FILENO) == 1
    private let lastShown = Mutex<[String: Int]>([:])

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func show(_ progress: ResealProgress) {
        guard enabled else { return }
        let percent = progress.total == 0 ? 100 : min(100, progress.examined * 100 / progress.total)
        let text =
            "sweep \(progress.sweep)  \(progress.table.padding(toLength: 10, withPad: " ", startingAt: 0)) "
            + "\(progress.examined)/\(progress.total) rows (\(percent)%), \(progress.resealed) values re-sealed"
        let step = "\(progress.sweep):\(progress.table)"
        let show = lastShown.withLock { shown -> Bool in
            let previous = shown[step]
            guard terminal || previous == nil || percent == 100 || percent - (previous ?? 0) >= 10 else { return false }
            if previous == 100 { return false }
            shown[step] = percent
            return true
        }
        guard show else { return }
        if terminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text + (percent == 100 ? "\n" : "")).utf8))
        } else {
            Console.error(text)
        }
    }
}
