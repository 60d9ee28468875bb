import Foundation
import KeywayCore

/// The JSON forms of the values the store keeps as `TEXT` (tags, scopes, parameters, metadata) and of
/// the credentials it seals. Keys are sorted and dates are whole milliseconds since 1970.
enum StoreJSON {
    /// Encodes a value as JSON text.
    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }

    /// Encodes a value as JSON bytes.
    static func data(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.millisecondsSince1970)
        }
        return try encoder.encode(value)
    }

    /// Decodes JSON text.
    static func decode<T: Decodable>(_ type: T.Type, text: String) throws -> T {
        try decode(type, data: Data(text.utf8))
    }

    /// Decodes JSON bytes.
    static func decode<T: Decodable>(_ type: T.Type, data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(millisecondsSince1970: try decoder.singleValueContainer().decode(Int64.self))
        }
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw KeywayError(.internal, "storage_corrupt", "A stored JSON value could not be read.")
        }
    }
}
