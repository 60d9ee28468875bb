import SQLKit

extension SQLDatabase {
    /// Runs a statement that returns no rows.
    func run(_ query: SQLQueryString) async throws {
        try await raw(query).run()
    }

    /// Runs a statement and returns its rows.
    func rows(_ query: SQLQueryString) async throws -> [any SQLRow] {
        try await raw(query).all()
    }

    /// Runs a statement and returns its first row, if any.
    func firstRow(_ query: SQLQueryString) async throws -> (any SQLRow)? {
        try await raw(query).first()
    }
}
