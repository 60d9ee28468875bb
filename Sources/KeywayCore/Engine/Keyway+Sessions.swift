import Foundation

extension Keyway {
    /// Starts an authorization for a service: checks the tags, the finished URL and the provider's
    /// placeholder values, and stores a single-use session.
    ///
    /// - Parameters:
    ///   - serviceId: the service to connect.
    ///   - tags: the tags the resulting identity will carry.
    ///   - finishedUrl: an absolute `http(s)` URL where the browser lands when the flow ends.
    ///   - params: values for the provider's URL placeholders, such as `subdomain`.
    ///   - limits: the calling key's limits: the service must be one it reaches, and the identity gets its tags
    ///     (a contradicting tag is 403 `insufficient_scope`).
    public func createSession(
        serviceId: String, tags: Tags, finishedUrl: String, params: [String: String] = [:],
        limits: KeyLimits = .unrestricted
    ) async throws -> CreatedSession {
        let service = try await reachableService(id: serviceId, limits: limits)
        let provider = try provider(for: service)
        try TagSyntax.validate(tags)
        let tags = try limits.applied(to: tags)
        try TagSyntax.validate(tags)
        try Self.validate(finishedUrl: finishedUrl)
        // Every value becomes identity metadata and fills a placeholder later, so all are checked now: none may
        // choose where a secret or token is sent.
        try PlaceholderValues.validate(params, service: service, provider: provider)
        // Resolving now reports a missing or malformed placeholder value before any browser is involved.
        let configuration = try OAuthClientConfiguration(service: service, provider: provider, params: params)
        let created = now()
        let session = AuthorizationSession(
            id: SecureRandom.identifier(prefix: "ses"), serviceId: serviceId, tags: tags, finishedUrl: finishedUrl,
            params: params, state: SecureRandom.token(bytes: 32),
            codeVerifier: configuration.pkce ? PKCE.makeVerifier() : nil, createdAt: created,
            expiresAt: created.addingTimeInterval(sessionLifetime))
        try await store.insertSession(session)
        logger.info("session created", metadata: ["service": "\(serviceId)", "session": "\(session.id)"])
        return CreatedSession(id: session.id, url: "\(publicURL)/v1/connect/\(session.id)", expiresAt: session.expiresAt)
    }

    /// Where the browser goes from a connect URL: the provider's consent page, or the finished URL with
    /// `error=session_expired` when the session is too old. Unknown sessions throw `session_not_found`.
    ///
    /// The first browser to open the link claims the session (compare and set on the hash of a new binding
    /// token, which the caller sets as a cookie); only that browser may finish the flow. The same browser may
    /// open the link again (it presents its token); any other browser is refused with `session_already_opened`
    /// (RFC 9700 §4.7: the state is bound to the user agent that started the flow).
    ///
    /// - Parameters:
    ///   - sessionId: the session in the link.
    ///   - browserToken: the binding token this browser presents for the session, if any.
    public func connect(sessionId: String, browserToken: String? = nil) async throws -> ConnectOutcome {
        guard var session = try await store.session(id: sessionId) else {
            throw Self.sessionNotFound
        }
        guard session.expiresAt > now() else {
            logger.info("session expired at connect", metadata: ["session": "\(session.id)"])
            return ConnectOutcome(
                location: FinishedURL.error(
                    session.finishedUrl, code: "session_expired",
                    description: "The connect link expired; start again from the app."),
                binding: nil)
        }
        let service = try await service(id: session.serviceId)
        let configuration = try OAuthClientConfiguration(
            service: service, provider: try provider(for: service), params: session.params)
        let token = try await claim(&session, presented: browserToken)
        let request = AuthorizationRequest(
            configuration: configuration, redirectUri: callbackURL(service: session.serviceId), state: session.state,
            codeVerifier: session.codeVerifier)
        logger.info("redirecting to provider", metadata: ["session": "\(session.id)", "service": "\(service.id)"])
        return ConnectOutcome(
            location: request.url,
            binding: .init(
                cookieName: BrowserBinding.cookieName(sessionId: session.id), token: token,
                serviceId: session.serviceId, sessionId: session.id,
                maxAge: Self.cookieLifetime(until: session.expiresAt, now: now())))
    }

    /// The binding token of the browser opening `session`: a new one when no browser has claimed it yet, the
    /// presented one when it is the claiming browser's; refused otherwise.
    private func claim(_ session: inout AuthorizationSession, presented: String?) async throws -> String {
        if session.browserHash == nil {
            let token = BrowserBinding.makeToken()
            if try await store.claimSession(id: session.id, browserHash: BrowserBinding.hash(token)) {
                return token
            }
            // Another browser claimed it between the read and the write.
            guard let current = try await store.session(id: session.id) else {
                throw Self.sessionNotFound
            }
            session = current
        }
        guard BrowserBinding.matches(presented, storedHash: session.browserHash), let presented else {
            logger.notice("connect link opened in a second browser", metadata: ["session": "\(session.id)"])
            throw KeywayError(
                .conflict, "session_already_opened",
                "This connect link was already opened in another browser. Sign-in links work in one browser only; "
                    + "start again from the app.")
        }
        return presented
    }

    static let sessionNotFound = KeywayError(
        .notFound, "session_not_found", "This connect link is unknown or was already used; start again from the app.")

    /// Whole seconds from `now` until `expiry`, at least 1 and at most a year (no conversion can trap).
    static func cookieLifetime(until expiry: Date, now: Date) -> Int {
        let seconds = expiry.timeIntervalSince(now).rounded(.up)
        guard seconds.isFinite else { return 1 }
        return Int(min(max(seconds, 1), 31_536_000))
    }

    static func validate(finishedUrl: String) throws(KeywayError) {
        guard finishedUrl.count <= 2048, let components = URLComponents(string: finishedUrl),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = components.host, !host.isEmpty
        else {
            throw .invalid("invalid_finished_url", "'finishedUrl' must be an absolute http or https URL.")
        }
    }
}

extension Keyway {
    /// Deletes sessions that expired more than a lifetime ago (kept that long so that a late browser still
    /// lands on the app's finished URL with `session_expired`), and signed-out dashboard passes that have
    /// expired anyway; returns how many sessions.
    @discardableResult
    public func sweepExpiredSessions() async throws -> Int {
        let count = try await store.deleteSessions(expiredBefore: now().addingTimeInterval(-sessionLifetime))
        if count > 0 { logger.info("expired sessions deleted", metadata: ["count": "\(count)"]) }
        _ = try await store.deleteRevokedDashboardPasses(expiredBefore: now())
        return count
    }
}
