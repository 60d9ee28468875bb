import Foundation

/// The JSON conventions of Keyway's HTTP contract: RFC 3339 UTC times, with or without fractional seconds.
enum ContractJSON {
    /// A decoder that reads the contract's times as `Date`.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text.prefix(40))' is not an RFC 3339 time.")
            }
            return date
        }
        return decoder
    }

    /// An encoder with a stable layout.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// An RFC 3339 time, such as `2026-05-01T12:00:00.123Z` or `2026-05-01T12:00:00Z`.
    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: withFraction) { return date }
        return try? Date(text, strategy: withoutFraction)
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let withoutFraction = Date.ISO8601FormatStyle(timeZone: .gmt)
}
