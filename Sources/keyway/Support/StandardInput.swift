import Foundation
import KeywayCore

/// What a command reads from standard input.
enum StandardInput {
    /// One JSON object, such as the credentials of `keyway identity create`.
    static func jsonObject(example: String) throws -> JSONValue {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: input), value.objectValue != nil else {
            throw UsageError("Standard input must hold the credentials as one JSON object, such as \(example).")
        }
        return value
    }
}
