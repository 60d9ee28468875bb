import Crypto
import Foundation

/// How an engine behaves: its public address, lifetimes and catalog.
public struct KeywayConfiguration: Sendable {
    /// The address browsers and providers reach, such as `https://keyway.example.com`. It makes each service's
    /// callback URL (`<publicURL>/v1/oauth/callback/<service>`) and the connect URLs.
    public var publicURL: String
    /// A token expiring within this interval is refreshed before it is handed out (default 5 minutes).
    public var refreshMargin: TimeInterval
    /// How long a session stays usable (default 10 minutes).
    public var sessionLifetime: TimeInterval
    /// The providers services may name.
    public var catalog: ProviderCatalog
    /// The clock; tests move it.
    public var now: @Sendable () -> Date
    /// How the proxy retries rate-limited and unavailable answers.
    public var proxyRetry: ProxyRetryPolicy
    /// How long one proxied request may take upstream, from the first request sent to the last byte of the
    /// answer's body, retries included (default 300 s). A body still streaming then is cut off, its request
    /// cancelled, and the caller's response ends in error.
    public var proxyTimeout: Duration
    /// Which addresses operator-set and stored URLs may point at (default: public addresses only).
    public var outboundURLs: OutboundURLPolicy
    /// The key that signs dashboard passes: `SQLStore.dashboardPassKey`, derived from the master key, so that
    /// every replica accepts every replica's passes. Nil makes a random key for this engine alone (passes then
    /// work on this process only, until it stops).
    public var dashboardPassKey: SymmetricKey?
    /// How long one exchange with a provider's token endpoint (code exchange or refresh) may take, head and
    /// body together (default 30 s). A hung provider holds no callback, refresh or refresh lock for longer.
    public var tokenTimeout: Duration = Self.defaultTokenTimeout
    /// The default of ``tokenTimeout``: 30 s.
    public static let defaultTokenTimeout: Duration = .seconds(30)
    /// How many identities one pass of refreshing ahead refreshes at once (default 4), so that one hung
    /// provider delays the others by at most its deadline.
    public var refreshAheadConcurrency: Int = 4
    /// When failed webhook deliveries are tried again (default: from 5 s doubling to at most 1 h, for 24 h).
    public var webhookRetry = WebhookRetrySchedule()
    /// How long one webhook delivery attempt may take, head and body together (default 10 s).
    public var webhookTimeout: Duration = .seconds(10)
    /// How long an opened identity is served from memory to token reads and the proxy before it is read again
    /// (default 1 s): the bound on seeing a write made by another replica (a delete, a refresh, a status change).
    /// Writes made through this engine are seen at once. Zero turns the cache off.
    public var identityCacheLifetime: Duration = .seconds(1)
    /// The most opened identities kept in memory (default 10,000).
    public var identityCacheCapacity: Int = 10_000
    /// How long a claimed delivery's lease outlives its attempt's deadline (default 30 s): a worker that dies
    /// mid-attempt leaves the delivery to others once the deadline plus this margin has passed.
    public var webhookLeaseMargin: Duration = .seconds(30)
    /// Told of refreshes and refresh-lock waits (the server's metrics); silent by default.
    public var observer: any EngineObserver = SilentEngineObserver()
    /// Whether connect links show Keyway's own pages: an interstitial (which app, which provider, Continue) and,
    /// for an expired or used link, a denial or a provider error, a page with a way back to the app instead of an
    /// immediate redirect. Off by default: the link goes straight to the provider, and every ending straight back.
    public var connectPage = false

    /// Creates a configuration.
    public init(
        publicURL: String, refreshMargin: TimeInterval = 300, sessionLifetime: TimeInterval = 600,
        catalog: ProviderCatalog = .bundled, now: @escaping @Sendable () -> Date = { Date() },
        proxyRetry: ProxyRetryPolicy = .init(), proxyTimeout: Duration = .seconds(300),
        outboundURLs: OutboundURLPolicy = .publicAddressesOnly,
        dashboardPassKey: SymmetricKey? = nil
    ) {
        self.outboundURLs = outboundURLs
        self.dashboardPassKey = dashboardPassKey
        self.proxyRetry = proxyRetry
        self.proxyTimeout = proxyTimeout
        self.publicURL = publicURL
        self.refreshMargin = refreshMargin
        self.sessionLifetime = sessionLifetime
        self.catalog = catalog
        self.now = now
    }
}
