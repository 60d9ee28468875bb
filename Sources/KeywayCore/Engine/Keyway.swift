import AsyncHTTPClient
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
    let sessionLifetime: TimeInterval
    let now: @Sendable () -> Date
    let logger: Logger
    let refreshes = SingleFlight<Identity>()
    let recentKeys = RecentValues<APIKey>(lifetime: .seconds(5))
    let recentServices = RecentValues<Service>(lifetime: .seconds(2))
    private let publicURLStorage: Mutex<String>

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
        self.sessionLifetime = configuration.sessionLifetime
        // Times are stored to the millisecond; handing out the same precision keeps every read equal to its write.
        let clock = configuration.now
        self.now = { Date(millisecondsSince1970: clock().millisecondsSince1970) }
        self.logger = logger
        self.publicURLStorage = Mutex(Self.trimmed(configuration.publicURL))
    }

    /// The address browsers and providers reach, without a trailing slash.
    public var publicURL: String {
        get { publicURLStorage.withLock { $0 } }
        set { publicURLStorage.withLock { $0 = Self.trimmed(newValue) } }
    }

    /// The redirect URI to register with every provider: `<publicURL>/v1/oauth/callback`.
    public var callbackURL: String { publicURL + "/v1/oauth/callback" }

    private static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
