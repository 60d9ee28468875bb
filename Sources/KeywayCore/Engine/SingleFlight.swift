/// Runs at most one operation per key at a time; callers that arrive while one runs share its result.
package actor SingleFlight<Value: Sendable> {
    private var running: [String: Task<Value, any Error>] = [:]

    /// Creates an empty group.
    public init() {}

    /// Runs `operation` for `key`, or waits for the one already running and returns its result.
    ///
    /// The operation leaves the group before any caller sees its result, so a caller that gets a result and
    /// asks again starts a new operation rather than joining the finished one.
    public func run(key: String, _ operation: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let task = running[key] {
            return try await task.value
        }
        let task = Task {
            let result: Result<Value, any Error>
            do { result = .success(try await operation()) } catch { result = .failure(error) }
            self.finished(key)
            return try result.get()
        }
        running[key] = task
        return try await task.value
    }

    private func finished(_ key: String) {
        running[key] = nil
    }
}
