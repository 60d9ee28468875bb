/// The URL templates a service uses: its own overrides where it has them, else its provider's.
///
/// The refresh endpoint is the provider's only while the service keeps the provider's token endpoint: a
/// service that points the token URL elsewhere refreshes there too.
public struct ServiceURLTemplates: Sendable, Hashable {
    /// Where the browser is sent for consent.
    public var authorization: String
    /// The code exchange endpoint.
    public var token: String
    /// The refresh endpoint, when it differs from ``token``.
    public var refresh: String?
    /// The API base URL, when there is one.
    public var apiBase: String?

    /// The templates of `service` over `provider`.
    public init(service: Service, provider: Provider) {
        authorization = service.authorizationUrl ?? provider.authorizationUrl
        token = service.tokenUrl ?? provider.tokenUrl
        refresh = service.tokenUrl == nil ? provider.refreshUrl : nil
        apiBase = service.apiBaseUrl ?? provider.apiBaseUrl
    }

    /// The OAuth endpoints' templates: authorization, token and refresh.
    public var oauth: [String] { [authorization, token] + [refresh].compactMap { $0 } }

    /// Every non-empty template, the API base URL included.
    public var all: [String] { (oauth + [apiBase].compactMap { $0 }).filter { !$0.isEmpty } }
}
