import Foundation
import KeywayCore

extension Sealer {
    /// The environment variable holding older master keys that still open what they sealed during a
    /// rotation: base64 keys separated by commas or whitespace.
    public static let previousKeysVariable = "KEYWAY_PREVIOUS_MASTER_KEYS"
    /// The usual name of the file, beside the key file, holding older master keys, one base64 key a line.
    public static let previousKeysFileName = "previous-master.keys"

    /// Loads the current master key (``MasterKey/load(environment:keyFile:)``) and the older keys still being
    /// rotated out: those in `KEYWAY_PREVIOUS_MASTER_KEYS` and those in `previousKeysFile`, if it exists.
    ///
    /// - Throws: ``KeywayError`` as ``MasterKey/load(environment:keyFile:)`` does, and `master_key_invalid`
    ///   when an older key is not a base64 32-byte key (the message names where it came from, never the key).
    public static func load(environment: [String: String], keyFile: URL, previousKeysFile: URL) throws -> Sealer {
        let current = try MasterKey.load(environment: environment, keyFile: keyFile)
        var previous: [MasterKey] = []
        if let text = environment[previousKeysVariable] {
            previous += try keys(in: text, source: previousKeysVariable)
        }
        if FileManager.default.fileExists(atPath: previousKeysFile.path) {
            guard let data = try? Data(contentsOf: previousKeysFile), let text = String(data: data, encoding: .utf8)
            else {
                throw KeywayError(
                    .internal, "master_key_unreadable",
                    "The previous master keys file at \(previousKeysFile.path) cannot be read.")
            }
            previous += try keys(in: text, source: "The previous master keys file at \(previousKeysFile.path)")
        }
        return Sealer(current: current, previous: previous.filter { $0.id != current.id })
    }

    /// The ids of the older keys this sealer holds, sorted.
    public var previousKeyIds: [String] {
        keyIds.subtracting([currentKey.id]).sorted()
    }

    private static func keys(in text: String, source: String) throws -> [MasterKey] {
        try text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).enumerated().map { index, item in
            try MasterKey(base64: String(item), source: "Key \(index + 1) of \(source)")
        }
    }
}
