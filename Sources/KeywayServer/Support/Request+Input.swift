import Foundation
import Hummingbird
import KeywayCore
import NIOCore

extension Request {
    /// Decodes the JSON body, turning every decoding failure into a 400 that names what is wrong.
    mutating func decodeJSON<Value: Decodable>(_ type: Value.Type, context: KeywayRequestContext) async throws -> Value {
        let buffer = try await collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw KeywayError.invalid("invalid_json", "The request needs a JSON body.") }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(buffer: buffer))
        } catch DecodingError.keyNotFound(let key, let context) {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw KeywayError.invalid("missing_field", "The field '\(path)' is required.")
        } catch DecodingError.typeMismatch(_, let context) where context.codingPath.isEmpty {
            throw KeywayError.invalid("invalid_json", "The body must be a JSON object.")
        } catch DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw KeywayError.invalid("invalid_field", "The field '\(path)' must be \(Self.describe(type)).")
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw KeywayError.invalid("invalid_field", "The field '\(path)' has an invalid value.")
        } catch {
            throw KeywayError.invalid("invalid_json", "The body is not valid JSON.")
        }
    }

    /// The tag filters of the query: repeated `tag=key:value`, plus `tenantId=` and `userId=` shorthands.
    func tagFilters() throws(KeywayError) -> Tags {
        let query = uri.queryParameters
        var filters = query.getAll("tag").map { String($0) }
        for key in ["tenantId", "userId"] {
            for value in query.getAll(key) { filters.append("\(key):\(value)") }
        }
        return try TagSyntax.parseFilters(filters)
    }

    /// The `limit` query parameter, 50 when absent.
    func pageLimit() throws(KeywayError) -> Int {
        guard let raw = uri.queryParameters["limit"] else { return 50 }
        guard let limit = Int(raw), (1...Keyway.maximumPageSize).contains(limit) else {
            throw .invalid("invalid_limit", "'limit' must be a whole number between 1 and \(Keyway.maximumPageSize).")
        }
        return limit
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type: "a number"
        case is [String].Type: "an array of strings"
        case is [String: String].Type: "an object of string values"
        case is [String: Any].Type: "an object"
        default: "of another type"
        }
    }
}

extension Parameters {
    /// A path parameter that the route guarantees.
    func path(_ name: String) throws(KeywayError) -> String {
        guard let value = get(name) else { throw .invalid("invalid_path", "The path is missing '\(name)'.") }
        return value
    }
}
