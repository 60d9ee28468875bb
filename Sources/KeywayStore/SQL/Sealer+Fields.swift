import Foundation
import KeywayCore

extension Sealer {
    /// Seals a string for one sealed field of one row, bound to the row's steering fields.
    func seal(_ plaintext: String, _ field: SealedField, row: String, binding: SealBinding) throws -> Data {
        try seal(Data(plaintext.utf8), table: field.table, row: row, column: field.column, binding: binding)
    }

    /// Seals bytes for one sealed field of one row, bound to the row's steering fields.
    func seal(_ plaintext: Data, _ field: SealedField, row: String, binding: SealBinding) throws -> Data {
        try seal(plaintext, table: field.table, row: row, column: field.column, binding: binding)
    }

    /// Opens bytes sealed for one sealed field of one row with this binding.
    ///
    /// - Throws: `integrity_failed` when the blob does not open (altered, moved, an older format, or its row's
    ///   bound fields changed), `unknown_key_id` when its key is not held.
    func open(_ sealed: Data, _ field: SealedField, row: String, binding: SealBinding) throws -> Data {
        do {
            return try open(sealed, table: field.table, row: row, column: field.column, binding: binding)
        } catch let error as KeywayError where error.code == "unsealing_failed" {
            throw KeywayError.integrityFailed("\(field.table) row '\(row)'")
        }
    }

    /// Opens a string sealed for one sealed field of one row with this binding; throws as
    /// ``open(_:_:row:binding:)``.
    func openString(_ sealed: Data, _ field: SealedField, row: String, binding: SealBinding) throws -> String {
        String(decoding: try open(sealed, field, row: row, binding: binding), as: UTF8.self)
    }
}
