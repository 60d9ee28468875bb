import Foundation

/// When to try a webhook delivery again: exponential backoff with full jitter, each delay at most
/// ``maximumDelay``, and no attempt later than ``horizon`` after the first. A pure value: the worker asks it,
/// and tests drive it without I/O.
public struct WebhookRetrySchedule: Sendable, Hashable {
    /// The first retry's delay before jitter: 5 s by default (tests set milliseconds).
    public var base: TimeInterval
    /// The cap of one delay: 1 h by default.
    public var maximumDelay: TimeInterval
    /// How long after the first attempt retries go on: 24 h by default.
    public var horizon: TimeInterval

    public init(base: TimeInterval = 5, maximumDelay: TimeInterval = 3600, horizon: TimeInterval = 86_400) {
        self.base = max(0, base)
        self.maximumDelay = max(self.base, maximumDelay)
        self.horizon = max(0, horizon)
    }

    /// The delay before the next attempt after `failedAttempts` failures (1 for the first): uniformly drawn
    /// between half and all of `min(maximumDelay, base * 2^(failedAttempts-1))`, so that replicas and
    /// endpoints failing together spread out.
    ///
    /// - Parameter jitter: a number in 0...1 (a random one in the worker, fixed in tests).
    public func delay(afterFailedAttempts failedAttempts: Int, jitter: Double) -> TimeInterval {
        let exponent = Double(min(max(failedAttempts, 1) - 1, 62))
        let ceiling = min(maximumDelay, base * pow(2, exponent))
        return ceiling / 2 + ceiling / 2 * min(max(jitter, 0), 1)
    }

    /// When to attempt again after a failure at `now`, or nil to give up: the next attempt would fall past
    /// the horizon counted from `firstAttempt`.
    public func nextAttempt(
        afterFailedAttempts failedAttempts: Int, firstAttempt: Date, now: Date, jitter: Double
    ) -> Date? {
        let next = now.addingTimeInterval(delay(afterFailedAttempts: failedAttempts, jitter: jitter))
        return next.timeIntervalSince(firstAttempt) <= horizon ? next : nil
    }
}

/// What one attempt's outcome means for its delivery.
package enum WebhookAttemptDecision: Sendable, Hashable {
    /// 2xx: delivered.
    case delivered
    /// 410 Gone: the receiver asks for no more events; the endpoint is disabled.
    case disableEndpoint
    /// Anything else (another status, no answer, a deadline): try again at this time.
    case retry(at: Date)
    /// Anything else, past the horizon: give up.
    case giveUp

    /// The decision for an attempt that got `statusCode` (nil: no answer).
    public static func decide(
        statusCode: Int?, schedule: WebhookRetrySchedule, failedAttemptsSoFar: Int, firstAttempt: Date, now: Date,
        jitter: Double
    ) -> WebhookAttemptDecision {
        if let statusCode, (200..<300).contains(statusCode) { return .delivered }
        if statusCode == 410 { return .disableEndpoint }
        guard
            let next = schedule.nextAttempt(
                afterFailedAttempts: failedAttemptsSoFar + 1, firstAttempt: firstAttempt, now: now, jitter: jitter)
        else { return .giveUp }
        return .retry(at: next)
    }
}
