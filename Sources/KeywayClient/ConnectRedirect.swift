/// Where an app's connect route sends the browser: to Keyway's connect URL, or, when Keyway refuses the
/// session, to the finished URL with `error` and `errorDescription` (as a failed connection ends, so that the
/// app shows every failure in one place). Framework-free: KeywayHummingbird and KeywayVapor answer it as a
/// 302 with `Cache-Control: no-store`.
package struct ConnectRedirect: Sendable {
    /// The `Location` to send the browser to.
    package let location: String
    /// Keyway's refusal, for the integration to log; nil when the session started.
    package let refusal: KeywayClientError?

    /// Creates a session for `service` that ends at `finishedURL` (absolute). Only Keyway's refusals
    /// (``KeywayClientError``) become a redirect; anything else (cancellation, say) is thrown.
    package static func start(
        _ service: String, on keyway: KeywayClient, tags: [String: String], params: [String: String],
        finishedURL: String
    ) async throws -> ConnectRedirect {
        do {
            let session = try await keyway.createSession(
                for: service, tags: tags, finishedURL: finishedURL, params: params)
            return ConnectRedirect(location: session.url, refusal: nil)
        } catch let error as KeywayClientError {
            return ConnectRedirect(
                location: PercentEncoding.appending(
                    [("error", error.code), ("errorDescription", error.message)], to: finishedURL),
                refusal: error)
        }
    }
}
