import ArgumentParser
import Foundation
import KeywayCore

/// `--output table|json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table
    case json
}

/// JSON printing with the contract's layout.
enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        Console.line(String(decoding: data, as: UTF8.self))
    }
}

extension OutputFormat {
    /// Prints an answer: with `json` its body exactly as Keyway sent it (nothing for an empty body, such as
    /// a 204 after a delete); with `table` what `table` makes of the parsed body.
    func print(_ response: APIResponse, table: (JSONValue) throws -> String) throws {
        switch self {
        case .json:
            if !response.body.isEmpty { Console.bytes(response.body) }
        case .table:
            let json: JSONValue = response.body.isEmpty ? .null : try response.json()
            Console.line(try table(json))
        }
    }
}
