import KeywayCore
import SQLKit

extension SQLStore {
    /// Runs reads, mapping database errors to ``KeywayError``s that are safe to show.
    ///
    /// - Parameter operation: what is being done, such as "reading a service", for the error and the log.
    func read<T: Sendable>(_ operation: String, _ body: @Sendable (any SQLDatabase) async throws -> T)
        async throws -> T
    {
        do {
            return try await database.read(body)
        } catch {
            throw mapped(error, operation: operation, conflict: nil, missingParent: nil)
        }
    }

    /// Runs one transaction, mapping database errors to ``KeywayError``s that are safe to show.
    ///
    /// - Parameters:
    ///   - operation: what is being done, for the error and the log.
    ///   - conflict: what to throw when a unique constraint refuses a row.
    ///   - missingParent: what to throw when a foreign key refuses a row.
    func transaction<T: Sendable>(
        _ operation: String, conflict: KeywayError? = nil, missingParent: KeywayError? = nil,
        _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        do {
            return try await database.transaction(body)
        } catch {
            throw mapped(error, operation: operation, conflict: conflict, missingParent: missingParent)
        }
    }

    func mapped(_ error: any Error, operation: String, conflict: KeywayError?, missingParent: KeywayError?)
        -> KeywayError
    {
        if let error = error as? KeywayError { return error }
        switch database.classify(error) {
        case .uniqueViolation:
            if let conflict { return conflict }
            logger.error("database constraint failed", metadata: ["operation": "\(operation)"])
            return KeywayError(.conflict, "conflict", "Storing failed while \(operation): the record already exists.")
        case .foreignKeyViolation:
            if let missingParent { return missingParent }
            logger.error("database foreign key failed", metadata: ["operation": "\(operation)"])
            return KeywayError(.conflict, "conflict", "Storing failed while \(operation): a related record is missing.")
        case .other(let description):
            logger.error("database failed", metadata: ["operation": "\(operation)", "error": "\(description)"])
            return KeywayError(.internal, "storage_failed", "The database failed while \(operation).")
        }
    }
}
