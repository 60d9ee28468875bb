import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where log lines go: a file descriptor written off the event loops. Lines wait in memory and are written
/// together, one `write` for many, within ``delay``; a line marked urgent (warnings and worse) is written at
/// once with everything before it, and so is everything when ``limit`` bytes are waiting (the caller then waits
/// for the descriptor: a slow reader slows logging down rather than losing lines or growing memory).
///
/// A crash loses at most the last ``delay`` of lines below `warning`. ``flush()`` writes what is waiting
/// (`serve` calls it when it stops).
public final class LogOutput: Sendable {
    /// Standard error, where `serve`'s text log goes.
    public static let standardError = LogOutput(fileDescriptor: 2)

    /// The descriptor lines are written to.
    public let fileDescriptor: Int32
    /// The longest a line waits in memory.
    public let delay: Duration
    /// Bytes waiting beyond which the writer writes them itself.
    public let limit: Int

    private struct Pending {
        var bytes: [UInt8] = []
        var scheduled = false
    }

    private let pending = Mutex(Pending())
    /// Held while taking and writing a batch, so that batches reach the descriptor in order.
    private let writing = Mutex(())
    private let queue = DispatchQueue(label: "keyway.log-output")

    /// Creates an output on a file descriptor (which it does not close).
    public init(fileDescriptor: Int32, delay: Duration = .milliseconds(20), limit: Int = 1 << 20) {
        self.fileDescriptor = fileDescriptor
        self.delay = delay
        self.limit = limit
    }

    /// Queues one line (with its newline); writes at once when `urgent` or when the limit is reached.
    public func write(_ line: String, urgent: Bool = false) {
        let (schedule, full) = pending.withLock { pending -> (Bool, Bool) in
            pending.bytes.append(contentsOf: line.utf8)
            let schedule = !urgent && !pending.scheduled
            if schedule { pending.scheduled = true }
            return (schedule, pending.bytes.count >= limit)
        }
        if urgent || full {
            flush()
        } else if schedule {
            let nanoseconds = delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000
            queue.asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { self.flush() }
        }
    }

    /// Writes every waiting line now.
    public func flush() {
        writing.withLock { _ in
            let batch = pending.withLock { pending -> [UInt8] in
                pending.scheduled = false
                var batch: [UInt8] = []
                swap(&batch, &pending.bytes)
                return batch
            }
            guard !batch.isEmpty else { return }
            batch.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Self.systemWrite(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        return  // the descriptor is gone or full for good: nothing better to do with a log line
                    }
                }
            }
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(descriptor, bytes, count)
        #elseif canImport(Musl)
        return Musl.write(descriptor, bytes, count)
        #elseif canImport(Darwin)
        return Darwin.write(descriptor, bytes, count)
        #else
        return -1
        #endif
    }
}
