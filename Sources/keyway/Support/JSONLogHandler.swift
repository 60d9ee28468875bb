import Foundation
import Logging
import Synchronization

/// `serve --log-format json`: one JSON object per line on standard output (where the text format writes too), with the time, the level, the
/// logger's label, the message, and the metadata (the request id as `hb.request.id`, the API key id, …) as
/// strings. It writes what the code logs, and Keyway logs no token, code or secret, in either format.
struct JSONLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let label: String

    private static let output = Mutex<FileHandle>(FileHandle.standardOutput)

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        var merged = metadata
        if let explicit { merged.merge(explicit) { $1 } }
        let data = Self.line(level: level, message: message.description, label: label, metadata: merged)
        Self.output.withLock { $0.write(data) }
    }

    /// One event as a JSON object and a newline.
    static func line(
        level: Logger.Level, message: String, label: String, metadata: Logger.Metadata, time: Date = Date()
    ) -> Data {
        var object: [String: Any] = [
            "time": time.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)),
            "level": level.rawValue, "label": label, "message": message,
        ]
        if !metadata.isEmpty { object["metadata"] = metadata.mapValues(Self.value) }
        var data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data(#"{"level":"error","message":"unencodable log event"}"#.utf8)
        data.append(0x0A)
        return data
    }

    private static func value(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let array): array.map(Self.value)
        case .dictionary(let dictionary): dictionary.mapValues(Self.value)
        }
    }
}
