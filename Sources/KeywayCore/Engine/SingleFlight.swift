/// Runs at most one operation per key at a time; callers that arrive while one runs share its result.
public actor SingleFlight<Value: Sendable> {
    private var running: [String: Task<Value, any Error>] = [:]

    /// Creates an empty group.
    public init() {}

    /// Runs `operation` for `key`, or waits for the one already running and returns its result.
    public func run(key: String, _ operation: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let task = running[key] {
            return try await task.value
        }
        let task = Task { try await operation() }
        running[key] = task
        defer { running[key] = nil }
        return try await task.value
    }
}
