import Foundation
import KeywayCore

/// JSON text written directly, byte for byte as ``JSONResponse``'s `JSONEncoder` writes the same value (keys
/// sorted the encoder's way, slashes not escaped, control characters escaped): for the answers on the hot path
/// (token reads), where the encoder's generic machinery cost more than the rest of the answer. A type writes
/// itself here and keeps its `Encodable` conformance, which tests compare this against.
/// A value that writes its own JSON text, identical to what the encoder makes of it; nil when the encoder
/// would refuse it (a number that is not finite), so that the encoder reports the failure.
package protocol JSONTextRepresentable: Encodable {
    var jsonText: String? { get }
}

struct JSONText {
    private(set) var text = ""

    init() { text.reserveCapacity(1024) }

    /// `{`.
    mutating func open() { text.append("{") }

    /// `}`.
    mutating func close() { text.append("}") }

    /// A member's key (after a comma unless it is the object's first): keys must come in the encoder's order
    /// (``sortedKeys(_:)``).
    mutating func key(_ key: String, first: Bool = false) {
        if !first { text.append(",") }
        string(key)
        text.append(":")
    }

    mutating func string(_ value: String) {
        text.append("\"")
        // Most strings (tokens, ids, dates) need no escape: append them whole.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            text.append(value)
            text.append("\"")
            return
        }
        var run = value.unicodeScalars.startIndex
        let scalars = value.unicodeScalars
        var index = run
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let escape: String? =
                switch scalar {
                case "\"": "\\\""
                case "\\": "\\\\"
                case "\u{08}": "\\b"
                case "\u{0C}": "\\f"
                case "\n": "\\n"
                case "\r": "\\r"
                case "\t": "\\t"
                case "\u{00}"..."\u{1F}": "\\u00" + Self.hex(UInt8(scalar.value) >> 4) + Self.hex(UInt8(scalar.value) & 0xF)
                default: nil
                }
            if let escape {
                text.unicodeScalars.append(contentsOf: scalars[run..<index])
                text.append(escape)
                run = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        text.unicodeScalars.append(contentsOf: scalars[run..<scalars.endIndex])
        text.append("\"")
    }

    mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { text.append("null") }
    }

    /// A `[String: String]` as the encoder writes it.
    mutating func stringObject(_ values: [String: String]) {
        text.append("{")
        for (offset, key) in Self.sortedKeys(values.keys).enumerated() {
            if offset > 0 { text.append(",") }
            string(key)
            text.append(":")
            string(values[key] ?? "")
        }
        text.append("}")
    }

    /// A ``JSONValue`` as its `Encodable` conformance writes it; nil for a number the encoder refuses (not finite).
    mutating func value(_ value: JSONValue) -> Bool {
        switch value {
        case .null: text.append("null")
        case .bool(let flag): text.append(flag ? "true" : "false")
        case .number(let number):
            if number.rounded() == number, abs(number) < 9.0e15 {
                text.append(String(Int64(number)))
            } else {
                guard number.isFinite else { return false }
                var written = number.description
                if written.hasSuffix(".0") { written.removeLast(2) }
                text.append(written)
            }
        case .string(let string): self.string(string)
        case .array(let items):
            text.append("[")
            for (offset, item) in items.enumerated() {
                if offset > 0 { text.append(",") }
                guard self.value(item) else { return false }
            }
            text.append("]")
        case .object(let members):
            guard object(members) else { return false }
        }
        return true
    }

    /// A `[String: JSONValue]`; nil for a number the encoder refuses.
    mutating func object(_ members: [String: JSONValue]) -> Bool {
        text.append("{")
        for (offset, key) in Self.sortedKeys(members.keys).enumerated() {
            if offset > 0 { text.append(",") }
            string(key)
            text.append(":")
            guard value(members[key] ?? .null) else { return false }
        }
        text.append("}")
        return true
    }

    /// Keys in the order `JSONEncoder`'s `.sortedKeys` writes them.
    static func sortedKeys(_ keys: some Sequence<String>) -> [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func hex(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? nibble + 48 : nibble - 10 + 97))
    }
}
