import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `serve`'s text log (the default format): swift-log's `StreamLogHandler` line
/// (`<time> <level> <label>: <metadata> [<module>] <message>`), made cheap enough for a line per request:
/// the time (UTC, to the second) is formatted once a second, the logger's metadata is rendered only for lines
/// that are written (not each time it is set, which Hummingbird does on every request), and lines go to a
/// ``LogOutput`` that writes them off the event loops.
public struct TextLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let output: LogOutput

    /// Creates a handler writing to `output` (standard error by default).
    public init(label: String, output: LogOutput = .standardError, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.output = output
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = Self.clock.text()
        line.reserveCapacity(160)
        line += " "
        line += event.level.rawValue
        line += " "
        line += label
        line += ":"
        var all = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty { all.merge(provided) { $1 } }
        if let explicit = event.metadata, !explicit.isEmpty { all.merge(explicit) { $1 } }
        if let error = event.error {
            all["error.message"] = "\(error)"
            all["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        if all.count == 1, let only = all.first {
            line += " \(only.key)=\(only.value)"
        } else {
            for (key, value) in all.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        }
        line += " ["
        line += event.source
        line += "] "
        line += event.message.description
        line += "\n"
        output.write(line, urgent: event.level >= .warning)
    }

    /// The current second as `2026-12-03T18:07:34Z`, formatted once per second.
    static let clock = SecondClock()

    final class SecondClock: Sendable {
        private let cached = Mutex<(second: Int, text: String)>((-1, ""))

        func text() -> String {
            var now = time(nil)
            let second = Int(now)
            if let text = cached.withLock({ $0.second == second ? $0.text : nil }) { return text }
            var parts = tm()
            gmtime_r(&now, &parts)
            var buffer = [CChar](repeating: 0, count: 32)
            let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &parts)
            let text = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            cached.withLock { $0 = (second, text) }
            return text
        }
    }
}
