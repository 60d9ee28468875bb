import Foundation
import OpenAPIRuntime

/// The contract's times for the generated client: RFC 3339 UTC, read with or without fractional seconds (the
/// runtime's `.iso8601` reads only the form without), written with them.
struct ContractDates: DateTranscoder {
    func encode(_ date: Date) throws -> String {
        date.formatted(Self.withFraction)
    }

    func decode(_ text: String) throws -> Date {
        if let date = try? Date(text, strategy: Self.withFraction) { return date }
        if let date = try? Date(text, strategy: Self.withoutFraction) { return date }
        throw DecodingError.dataCorrupted(
            .init(codingPath: [], debugDescription: "'\(text.prefix(40))' is not an RFC 3339 time."))
    }

    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
    private static let withoutFraction = Date.ISO8601FormatStyle(timeZone: .gmt)
}
