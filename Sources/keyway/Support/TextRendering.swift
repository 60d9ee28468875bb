import Foundation
import KeywayCore

extension JSONValue {
    /// How a table cell or a detail line shows this value: scalars as they are, arrays space-separated
    /// (as scopes are written), objects as `key=value` pairs, and `-` for null or empty.
    var displayText: String {
        switch self {
        case .null: return "-"
        case .bool(let value): return value ? "true" : "false"
        case .number, .string:
            let text = stringValue ?? ""
            return text.isEmpty ? "-" : text.replacingOccurrences(of: "\n", with: " ")
        case .array(let items):
            return items.isEmpty ? "-" : items.map(\.displayText).joined(separator: " ")
        case .object(let members):
            guard !members.isEmpty else { return "-" }
            return members.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.displayText)" }
                .joined(separator: ",")
        }
    }

    /// The `items` array of a list answer.
    var items: [JSONValue] {
        if case .array(let items) = self[path: "items"] { return items }
        return []
    }
}

/// Aligned columns with a header row, for lists.
struct Table {
    /// Column titles and the field each shows.
    let columns: [(title: String, field: String)]

    /// The rendered table, or `empty` when there are no rows.
    func render(_ rows: [JSONValue], empty: String) -> String {
        guard !rows.isEmpty else { return empty }
        let cells = [columns.map(\.title)] + rows.map { row in columns.map { row[path: $0.field]?.displayText ?? "-" } }
        return Self.align(cells)
    }

    /// Pads every column but the last to its widest cell, with two spaces between columns.
    static func align(_ cells: [[String]]) -> String {
        let count = cells.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in cells.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return cells.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// One object as aligned `field  value` lines, for get commands.
enum Details {
    /// - Parameters:
    ///   - object: the JSON object.
    ///   - order: fields shown first, in this order; the others follow alphabetically.
    ///   - expanding: object fields shown one line per member (`native.token_type`) rather than on one line.
    static func render(_ object: JSONValue, order: [String], expanding: Set<String> = []) -> String {
        guard let members = object.objectValue else { return object.displayText }
        let names = order.filter { members[$0] != nil } + members.keys.filter { !order.contains($0) }.sorted()
        var lines: [[String]] = []
        for name in names {
            guard let value = members[name] else { continue }
            if expanding.contains(name), let nested = value.objectValue, !nested.isEmpty {
                for (key, member) in nested.sorted(by: { $0.key < $1.key }) {
                    lines.append(["\(name).\(key)", member.displayText])
                }
            } else {
                lines.append([name, value.displayText])
            }
        }
        return Table.align(lines)
    }
}
