import Foundation
import SQLKit

extension SQLRow {
    /// A `TEXT` column.
    func string(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    /// A nullable `TEXT` column.
    func optionalString(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : decode(column: column, as: String.self)
    }

    /// An integer column.
    func int64(_ column: String) throws -> Int64 {
        try decode(column: column, as: Int64.self)
    }

    /// A nullable integer column.
    func optionalInt64(_ column: String) throws -> Int64? {
        try decodeNil(column: column) ? nil : decode(column: column, as: Int64.self)
    }

    /// A `BLOB`/`BYTEA` column.
    func data(_ column: String) throws -> Data {
        try decode(column: column, as: Data.self)
    }

    /// A nullable `BLOB`/`BYTEA` column.
    func optionalData(_ column: String) throws -> Data? {
        try decodeNil(column: column) ? nil : decode(column: column, as: Data.self)
    }

    /// A time kept as `BIGINT` milliseconds since 1970.
    func date(_ column: String) throws -> Date {
        Date(millisecondsSince1970: try int64(column))
    }

    /// A nullable time kept as `BIGINT` milliseconds since 1970.
    func optionalDate(_ column: String) throws -> Date? {
        try optionalInt64(column).map(Date.init(millisecondsSince1970:))
    }

    /// A JSON value kept as `TEXT`.
    func json<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
        try StoreJSON.decode(type, text: string(column))
    }
}
