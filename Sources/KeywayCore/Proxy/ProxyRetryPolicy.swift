/// Bounds on how the proxy retries rate-limited and unavailable answers.
public struct ProxyRetryPolicy: Sendable, Hashable {
    /// The most requests sent upstream for one proxied call, the first included (a 401 replay not counted).
    public var maxAttempts: Int
    /// The longest total time spent waiting between attempts.
    public var maxTotalWait: Duration
    /// The longest single wait; an answer asking for more is passed through at once. The default, 10 s, is
    /// HubSpot's rate-limit window, so that its `X-HubSpot-RateLimit-*` headers lead to a retry.
    public var maxSingleWait: Duration
    /// The wait when an answer gives no hint.
    public var defaultWait: Duration

    /// Creates a policy.
    public init(
        maxAttempts: Int = 3, maxTotalWait: Duration = .seconds(10), maxSingleWait: Duration = .seconds(10),
        defaultWait: Duration = .seconds(1)
    ) {
        self.maxAttempts = maxAttempts
        self.maxTotalWait = maxTotalWait
        self.maxSingleWait = maxSingleWait
        self.defaultWait = defaultWait
    }
}
