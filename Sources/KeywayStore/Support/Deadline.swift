import KeywayCore
import Synchronization

/// Runs `operation`, or fails with `storage_unavailable` once `limit` has passed, without waiting for it: a
/// statement sent on a connection that died may never finish, and must not hold its caller forever.
///
/// The operation is cancelled when the deadline wins; whatever it still does afterwards is ignored.
func withDeadline<T: Sendable>(
    _ limit: Duration, _ what: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let pending = Mutex<CheckedContinuation<T, any Error>?>(continuation)
        let resume: @Sendable (Result<T, any Error>) -> Bool = { result in
            guard let continuation = pending.withLock({ $0.take() }) else { return false }
            continuation.resume(with: result)
            return true
        }
        let work = Task {
            do { _ = resume(.success(try await operation())) } catch { _ = resume(.failure(error)) }
        }
        Task {
            try? await Task.sleep(for: limit)
            let timeout = KeywayError(.internal, "storage_unavailable", "The database did not answer \(what) in time.")
            if resume(.failure(timeout)) { work.cancel() }
        }
    }
}
