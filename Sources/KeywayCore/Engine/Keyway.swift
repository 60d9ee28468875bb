import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import Synchronization

/// The Keyway engine: services, sessions, the OAuth callback, identities and fresh tokens.
///
/// It is what the HTTP server exposes and what an app may embed in-process. It holds no web framework:
/// callers hand it plain values and get plain values or a ``KeywayError`` back.
public final class Keyway: Sendable {
    /// Where everything is kept.
    public let store: any Store
    /// The catalog of providers.
    public let catalog: ProviderCatalog
    let tokenEndpoint: TokenEndpointClient
    let httpClient: HTTPClient
    let proxyRetry: ProxyRetryPolicy
    let proxyTimeout: Duration
    let providerExchange: ProviderExchange
    let refreshAheadConcurrency: Int
    let refreshMargin: TimeInterval
    let webhookRetry: WebhookRetrySchedule
    let webhookTimeout: Duration
    let webhookLeaseMargin: Duration
    let sessionLifetime: TimeInterval
    /// ``KeywayConfiguration/connectPage``.
    public let connectPage: Bool
    let now: @Sendable () -> Date
    let logger: Logger
    let observer: any EngineObserver
    let refreshes = SingleFlight<Identity>()
    let recentKeys = RecentValues<APIKey>(lifetime: Keyway.apiKeyCacheLifetime)
    let unknownKeys = RecentValues<Bool>(lifetime: Keyway.unknownAPIKeyCacheLifetime, capacity: 4096)
    let apiKeyReads = Atomic<Int>(0)
    let keyUsage = Mutex(APIKeyUsage())
    let recentServices = RecentValues<Service>(lifetime: .seconds(2))
    let openedIdentities: IdentityCache
    let dashboardPassKey: SymmetricKey
    private let publicURLStorage: Mutex<String>
    private let outboundURLStorage: Mutex<OutboundURLPolicy>

    /// Creates an engine.
    ///
    /// - Parameters:
    ///   - store: the store, already opened.
    ///   - httpClient: the client used to reach providers' token endpoints; the caller owns it.
    ///   - configuration: addresses, lifetimes, catalog and clock.
    ///   - logger: where to log; identity ids only, never tokens, codes or secrets.
    public init(store: any Store, httpClient: HTTPClient, configuration: KeywayConfiguration, logger: Logger) {
        self.store = store
        self.catalog = configuration.catalog
        self.tokenEndpoint = TokenEndpointClient(httpClient: httpClient, timeout: configuration.tokenTimeout)
        self.providerExchange = ProviderExchange(httpClient: httpClient)
        self.refreshAheadConcurrency = max(1, configuration.refreshAheadConcurrency)
        self.httpClient = httpClient
        self.proxyRetry = configuration.proxyRetry
        self.proxyTimeout = configuration.proxyTimeout
        self.refreshMargin = configuration.refreshMargin
        self.openedIdentities = IdentityCache(
            lifetime: configuration.identityCacheLifetime, capacity: configuration.identityCacheCapacity)
        self.webhookRetry = configuration.webhookRetry
        self.webhookTimeout = configuration.webhookTimeout
        self.webhookLeaseMargin = configuration.webhookLeaseMargin
        self.sessionLifetime = configuration.sessionLifetime
        self.connectPage = configuration.connectPage
        // Times are stored to the millisecond; handing out the same precision keeps every read equal to its write.
        let clock = configuration.now
        self.now = { Date(millisecondsSince1970: clock().millisecondsSince1970) }
        self.logger = logger
        self.observer = configuration.observer
        self.dashboardPassKey = configuration.dashboardPassKey ?? SymmetricKey(size: .bits256)
        self.publicURLStorage = Mutex(Self.trimmed(configuration.publicURL))
        self.outboundURLStorage = Mutex(configuration.outboundURLs)
    }

    /// Whether browsers reach Keyway over https (its public URL's scheme): cookies set for them are then `Secure`.
    public var isPublicURLSecure: Bool {
        URLComponents(string: publicURL)?.scheme?.lowercased() == "https"
    }

    /// Which addresses operator-set and stored URLs may point at.
    public var outboundURLs: OutboundURLPolicy {
        outboundURLStorage.withLock { $0 }
    }

    /// Allows URLs under `prefix` even on a private address: `serve --sandbox` allows its own sandbox's root.
    public func allowPrivateURLs(under prefix: String) {
        outboundURLStorage.withLock { $0.allowedPrefixes.append(prefix) }
    }

    /// Checks a URL Keyway is about to send a request to (a token endpoint, an API base) against
    /// ``outboundURLs``, so that a URL stored before the policy, or written to the database directly, is
    /// refused at use as well as when it is set.
    func checkOutbound(_ url: String, field: String) throws(KeywayError) {
        try outboundURLs.check(url, field: field)
    }

    /// The address browsers and providers reach, without a trailing slash.
    public var publicURL: String {
        get { publicURLStorage.withLock { $0 } }
        set { publicURLStorage.withLock { $0 = Self.trimmed(newValue) } }
    }

    /// The redirect URI to register with a service's provider: `<publicURL>/v1/oauth/callback/<service>`.
    ///
    /// Each service has its own, so that a provider's answer can only reach the service it was meant for
    /// (RFC 9700 §4.4: mix-up defence by distinct redirect URIs).
    public func callbackURL(service serviceId: String) -> String {
        publicURL + "/v1/oauth/callback/" + serviceId
    }

    private static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
