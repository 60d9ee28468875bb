import Foundation

extension Sealer {
    /// Seals a string for one sealed field of one row.
    func seal(_ plaintext: String, _ field: SealedField, row: String) throws -> Data {
        try seal(Data(plaintext.utf8), table: field.table, row: row, column: field.column)
    }

    /// Seals bytes for one sealed field of one row.
    func seal(_ plaintext: Data, _ field: SealedField, row: String) throws -> Data {
        try seal(plaintext, table: field.table, row: row, column: field.column)
    }

    /// Opens bytes sealed for one sealed field of one row.
    func open(_ sealed: Data, _ field: SealedField, row: String) throws -> Data {
        try open(sealed, table: field.table, row: row, column: field.column)
    }

    /// Opens a string sealed for one sealed field of one row.
    func openString(_ sealed: Data, _ field: SealedField, row: String) throws -> String {
        String(decoding: try open(sealed, field, row: row), as: UTF8.self)
    }
}
