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
    /// Prints an answer's body (as the SDK's `rawAnswer` returns it): with `json` exactly as Keyway sent it
    /// (nothing for an empty body, such as a 204 after a delete); with `table` what `table` makes of the parsed body.
    func print(_ body: Data, table: (JSONValue) throws -> String) throws {
        switch self {
        case .json:
            if !body.isEmpty { Console.bytes(body) }
        case .table:
            Console.line(try table(body.isEmpty ? .null : Self.parse(body)))
        }
    }

    private static func parse(_ body: Data) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            throw CLIError("Keyway answered with a body that is not JSON.")
        }
    }
}
