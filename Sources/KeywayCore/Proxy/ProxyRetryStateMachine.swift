import Foundation

/// Decides, answer by answer, what the proxy does next: deliver the answer, refresh the token and replay
/// once after a 401, or wait and retry after a 429 or 503. A value type with no I/O, tested on its own.
package struct ProxyRetryStateMachine: Sendable {
    /// What to do with an answer.
    public enum Action: Sendable, Hashable {
        /// Pass this answer to the caller.
        case deliver
        /// Refresh the identity's token (even if not due) and send the request again.
        case refreshAndReplay
        /// Wait this long, then send the request again.
        case retry(after: Duration)
    }

    private let policy: ProxyRetryPolicy
    private let rateLimit: Provider.RateLimitHeaders?
    private var attempts = 0
    private var waited: Duration = .zero
    private var replayedAfterRefresh = false

    /// A machine for one proxied call.
    ///
    /// - Parameters:
    ///   - policy: the bounds on retries.
    ///   - rateLimit: the provider's rate-limit headers, from the catalog.
    public init(policy: ProxyRetryPolicy, rateLimit: Provider.RateLimitHeaders?) {
        self.policy = policy
        self.rateLimit = rateLimit
    }

    /// How many requests went upstream, 401 replays included.
    public private(set) var requestsSent = 0

    /// Records that a request is about to go upstream.
    public mutating func requestSent() {
        requestsSent += 1
    }

    /// Decides what follows an answer.
    ///
    /// - Parameters:
    ///   - status: the answer's status.
    ///   - header: looks up one of the answer's headers, case-insensitively.
    ///   - canReplay: whether the request body can be sent again.
    ///   - now: the current time, for `Retry-After` dates.
    public mutating func received(
        status: Int, header: (String) -> String?, canReplay: Bool, now: Date
    ) -> Action {
        guard canReplay else { return .deliver }
        switch status {
        case 401 where !replayedAfterRefresh:
            replayedAfterRefresh = true
            return .refreshAndReplay
        case 429, 503:
            attempts += 1
            guard attempts < policy.maxAttempts else { return .deliver }
            let wait = suggestedWait(header: header, now: now) ?? policy.defaultWait
            guard wait <= policy.maxSingleWait, waited + wait <= policy.maxTotalWait else { return .deliver }
            waited += wait
            return .retry(after: wait)
        default:
            attempts += 1
            return .deliver
        }
    }

    /// The wait an answer asks for: `Retry-After` (seconds or an HTTP date), else the provider's
    /// rate-limit headers when they say the window is spent.
    func suggestedWait(header: (String) -> String?, now: Date) -> Duration? {
        if let retryAfter = header("retry-after")?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Double(retryAfter), seconds >= 0 { return Self.wait(milliseconds: seconds * 1000) }
            if let date = Self.httpDate(retryAfter) { return Self.wait(milliseconds: date.timeIntervalSince(now) * 1000) }
        }
        guard let rateLimit, let resetHeader = rateLimit.resetHeader, let reset = header(resetHeader).flatMap(Double.init)
        else { return nil }
        if let remainingHeader = rateLimit.remainingHeader, let remaining = header(remainingHeader).flatMap(Int.init),
            remaining > 0
        {
            return nil
        }
        switch rateLimit.resetKind {
        case .delayMilliseconds: return Self.wait(milliseconds: reset)
        case .epochSeconds: return Self.wait(milliseconds: (reset - now.timeIntervalSince1970) * 1000)
        case .epochMilliseconds: return Self.wait(milliseconds: reset - now.timeIntervalSince1970 * 1000)
        case .delaySeconds, nil: return Self.wait(milliseconds: reset * 1000)
        }
    }

    /// A wait from a number an upstream sent: negative is no wait; not a number (`nan`) is no suggestion;
    /// anything beyond a day (`1e20`, `inf`) is a day, far above any policy bound, so the answer is delivered.
    static func wait(milliseconds: Double) -> Duration? {
        guard !milliseconds.isNaN else { return nil }
        return .milliseconds(Int64(min(max(milliseconds, 0), 86_400_000)))
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
