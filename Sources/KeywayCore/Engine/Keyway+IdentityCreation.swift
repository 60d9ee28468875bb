import AsyncHTTPClient
import Foundation
import NIOCore

extension Keyway {
    /// Creates an identity from credentials given by the app (`POST /v1/services/{service}/identities`) or
    /// entered on the connect page, shaped by the service's auth mode. A client-credentials identity gets its
    /// first token before this returns; API keys and Basic credentials are checked with the catalog entry's
    /// verification request when it has one. Stored like a connection: an identity with exactly these tags is
    /// replaced (connected again).
    ///
    /// - Parameter limits: the calling key's limits: the service must be one it reaches, and the identity gets
    ///   its tags (a contradicting tag is 403 `insufficient_scope`), as for a session.
    /// - Returns: the identity and whether it is new.
    public func createIdentity(
        serviceId: String, tags: Tags, credentials input: NewIdentityCredentials, params: [String: String] = [:],
        limits: KeyLimits = .unrestricted
    ) async throws -> (identity: Identity, created: Bool) {
        let service = try await reachableService(id: serviceId, limits: limits)
        let provider = try provider(for: service)
        try TagSyntax.validate(tags)
        let tags = try limits.applied(to: tags)
        try TagSyntax.validate(tags)
        // The values fill the API base URL's placeholders (a Jira site's {subdomain}) and are kept as metadata,
        // checked as a session's are: none may choose where a credential is sent.
        try PlaceholderValues.validate(params, service: service, provider: provider)
        let credentials = try await preparedCredentials(input, service: service, provider: provider, metadata: params)
        let identity = try await saveConnection(serviceId: serviceId, tags: tags, credentials: credentials, metadata: params)
        logger.info(
            "identity created with given credentials",
            metadata: [
                "identity": "\(identity.id)", "service": "\(serviceId)",
                "mode": "\(credentials.effectiveAuthMode.rawValue)",
            ])
        return (identity, identity.version == 1)
    }

    /// The credentials to store from what the app or the end user gave, shaped by the service's auth mode and
    /// checked: a client-credentials identity gets its first token, API keys and Basic credentials pass the
    /// catalog entry's verification request when it has one. Shared by the API and the connect page's form.
    ///
    /// - Parameter metadata: the identity's placeholder values (a session's params), which fill the API base URL.
    func preparedCredentials(
        _ input: NewIdentityCredentials, service: Service, provider: Provider, metadata: [String: String]
    ) async throws -> Credentials {
        let mode = service.effectiveAuthMode(provider: provider)
        let credentials = try input.credentials(for: mode)
        switch mode {
        case .oauth2ClientCredentials:
            return try await clientCredentialsToken(credentials, service: service, provider: provider)
        case .apiKey, .basic:
            try await verify(credentials, service: service, provider: provider, metadata: metadata)
            return credentials
        case .oauth2:
            return credentials
        }
    }

    /// The first token of a client-credentials identity.
    ///
    /// - Throws: `credentials_rejected` (400) with the provider's error code when it refuses the client;
    ///   `provider_unreachable` (502) when it cannot be reached or its answer is unusable.
    private func clientCredentialsToken(_ credentials: Credentials, service: Service, provider: Provider)
        async throws -> Credentials
    {
        let configuration = try OAuthClientConfiguration(service: service, provider: provider, params: [:])
            .using(credentials)
        guard !configuration.clientId.isEmpty, !configuration.clientSecret.isEmpty else {
            throw KeywayError.invalid(
                "invalid_credentials", "The service has no client; give 'clientId' and 'clientSecret'.")
        }
        let request = TokenRequest(grant: .clientCredentials, configuration: configuration)
        try checkOutbound(request.url, field: "tokenUrl")
        do {
            return try await tokenEndpoint.send(
                request, format: configuration.responseFormat, previous: nil, now: now
            ).keeping(credentials)
        } catch {
            logger.notice(
                "client credentials refused", metadata: ["service": "\(service.id)", "error": "\(ProviderText.sanitized(error.error))"])
            let detail = error.description.map { ": " + ProviderText.sanitized($0, limit: 200) } ?? ""
            if error.isTransient || error.status == nil {
                throw KeywayError(
                    .badGateway, "provider_unreachable",
                    "The token endpoint gave no usable answer (\(ProviderText.sanitized(error.error)))\(detail).")
            }
            throw KeywayError(
                .badRequest, "credentials_rejected",
                "The provider refused the client credentials (\(ProviderText.sanitized(error.error)))\(detail).")
        }
    }

    /// Checks an API key or Basic credentials with the catalog entry's verification request, when it has one:
    /// a GET under the API base URL carrying the credential, which must answer 2xx. A `{username}` in the path
    /// is filled with a Basic username (Twilio's `Accounts/{AccountSid}.json`). The answer's body is never read
    /// into an error or a log.
    ///
    /// - Throws: `credentials_rejected` (400) on 401 or 403; `verification_failed` (502) on any other answer
    ///   or none within the deadline.
    func verify(_ credentials: Credentials, service: Service, provider: Provider, metadata: [String: String] = [:])
        async throws
    {
        guard var path = provider.verificationPath else { return }
        if path.contains("{username}") {
            guard let username = credentials.basicUsername, !username.isEmpty else {
                throw KeywayError.invalid("invalid_credentials", "This provider's verification needs a Basic username.")
            }
            path = path.replacingOccurrences(of: "{username}", with: FormEncoding.escape(username))
        }
        let probe = Identity(
            id: "verification", serviceId: service.id, tags: [:], credentials: credentials, metadata: metadata,
            createdAt: now(), updatedAt: now())
        let base = try apiBaseURL(service: service, provider: provider, identity: probe)
        let placement = CredentialPlacement.of(
            credential: credentials.accessToken, mode: credentials.effectiveAuthMode,
            presentation: provider.tokenPresentation)
        let pathAndQuery = path.split(separator: "?", maxSplits: 1).map(String.init)
        let url = try ProxyPath.upstreamURL(
            base: base, path: pathAndQuery[0], query: placement.adding(to: pathAndQuery.count > 1 ? pathAndQuery[1] : nil))
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Keyway")
        if case .header(let name, let value) = placement { request.headers.replaceOrAdd(name: name, value: value) }
        let status: Int
        do {
            status = try await providerExchange.collect(request, timeout: proxyTimeout, maximumBodySize: 64 * 1024).status
        } catch {
            logger.notice("credential verification got no answer", metadata: ["service": "\(service.id)"])
            throw KeywayError(.badGateway, "verification_failed", "The provider's verification request got no answer.")
        }
        switch status {
        case 200..<300: return
        case 401, 403:
            logger.notice("credential verification refused", metadata: ["service": "\(service.id)", "status": "\(status)"])
            throw KeywayError(.badRequest, "credentials_rejected", "The provider refused these credentials (HTTP \(status)).")
        default:
            throw KeywayError(
                .badGateway, "verification_failed", "The provider's verification request answered HTTP \(status).")
        }
    }
}
