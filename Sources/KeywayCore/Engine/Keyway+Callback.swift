import Foundation

extension Keyway {
    /// Finishes an authorization from the provider's redirect to `serviceId`'s own callback URL: takes the
    /// session named by `state` (once), exchanges the code and stores the identity, replacing the credentials
    /// of an identity with exactly the same tags (a reconnection) or creating a new one.
    ///
    /// Before the session is spent, the callback must be the session's service's (RFC 9700 §4.4: a response
    /// delivered to another service's redirect URI is a mix-up) and come from the browser that opened the
    /// connect link (§4.7, §4.5). A refusal there leaves the session in place: whoever sends a state to the
    /// wrong place, or from another browser, cannot burn the rightful user's sign-in. After it is spent, an
    /// RFC 9207 `iss` is checked against the issuer the service or its catalog entry records. Every refusal
    /// with a known session sends the browser to the finished URL with a stable `error`, and stores nothing.
    ///
    /// - Parameters:
    ///   - serviceId: the service named by the callback's path.
    ///   - query: the callback's query parameters.
    ///   - browserToken: the browser's binding token for a session id (its cookie), if it sent one.
    public func finishAuthorization(
        serviceId: String, query: [String: String], browserToken: (_ sessionId: String) -> String?
    ) async -> CallbackOutcome {
        let session: AuthorizationSession
        switch await pendingSession(query: query) {
        case .success(let found): session = found
        case .failure(let error): return .rejected(error)
        }
        let finished = session.finishedUrl
        guard session.serviceId == serviceId else {
            logger.notice(
                "callback for another service's session refused",
                metadata: ["session": "\(session.id)", "callbackService": "\(ProviderText.sanitized(serviceId))"])
            return .redirect(
                FinishedURL.error(
                    finished, code: "callback_service_mismatch",
                    description: "The provider's answer reached another service's callback URL; nothing was stored."))
        }
        guard BrowserBinding.matches(browserToken(session.id), storedHash: session.browserHash) else {
            logger.notice("callback from a browser that did not open the connect link", metadata: ["session": "\(session.id)"])
            return .redirect(
                FinishedURL.error(
                    finished, code: "browser_mismatch",
                    description: "This sign-in was started in another browser; start again from the app in this one."))
        }
        guard session.expiresAt > now() else {
            logger.info("callback for an expired session", metadata: ["session": "\(session.id)"])
            return .redirect(
                FinishedURL.error(finished, code: "session_expired", description: "The sign-in took too long; try again."))
        }
        do {
            guard try await store.takeSession(state: session.state) != nil else {
                logger.notice("callback lost the race for its session", metadata: ["session": "\(session.id)"])
                return .rejected(Self.unknownState)
            }
        } catch {
            logger.error("callback failed to take its session", metadata: ["error": "\(Self.describe(error))"])
            return .rejected(KeywayError(.internal, "internal_error", "Keyway could not read the session."))
        }
        do {
            let service = try await service(id: session.serviceId)
            let provider = try provider(for: service)
            if let refusal = try issuerRefusal(query["iss"], service: service, provider: provider, session: session) {
                return .redirect(FinishedURL.error(finished, code: refusal.code, description: refusal.message))
            }
            if let error = query["error"] {
                let description = ProviderText.sanitized(query["error_description"] ?? "The provider reported '\(error)'.")
                logger.info(
                    "provider returned an error", metadata: ["session": "\(session.id)", "error": "\(ProviderText.sanitized(error))"])
                return .redirect(FinishedURL.error(finished, code: ProviderText.sanitized(error), description: description))
            }
            guard let code = query["code"], !code.isEmpty else {
                return .redirect(
                    FinishedURL.error(
                        finished, code: "invalid_callback", description: "The provider sent neither a code nor an error."))
            }
            let identity = try await exchange(
                code: code, session: session, service: service, provider: provider, callbackQuery: query)
            return .redirect(FinishedURL.success(finished, identity: identity))
        } catch let error as OAuthProviderError {
            logger.notice(
                "code exchange failed", metadata: ["session": "\(session.id)", "error": "\(ProviderText.sanitized(error.error))"])
            let detail = error.description.map { ": \(ProviderText.sanitized($0))" } ?? ""
            return .redirect(
                FinishedURL.error(
                    finished, code: "code_exchange_failed",
                    description: "The provider refused the code exchange (\(ProviderText.sanitized(error.error))\(detail))."))
        } catch {
            return .redirect(failedConnection(finished, error: error, session: session))
        }
    }

    /// A provider's redirect to the old shared callback URL, `<publicURL>/v1/oauth/callback`, which every
    /// service used before each had its own. It never exchanges a code and never spends a session (nothing
    /// there could tell which service the answer comes from). When the state names a session, the browser goes
    /// to its finished URL with `error=callback_url_outdated` naming the URL to register; otherwise the
    /// outcome is a page saying the same.
    public func finishLegacyCallback(query: [String: String]) async -> CallbackOutcome {
        let session: AuthorizationSession
        switch await pendingSession(query: query) {
        case .success(let found): session = found
        case .failure:
            return .rejected(
                .invalid(
                    "callback_url_outdated",
                    "This is Keyway's old shared callback URL, which no longer completes sign-ins. Register each "
                        + "service's own callback URL, \(publicURL)/v1/oauth/callback/<service>, with its provider."))
        }
        logger.notice("provider used the old shared callback URL", metadata: ["session": "\(session.id)"])
        return .redirect(
            FinishedURL.error(
                session.finishedUrl, code: "callback_url_outdated",
                description: "The provider sent the sign-in to Keyway's old shared callback URL; the operator must "
                    + "register \(callbackURL(service: session.serviceId)) with the provider. Nothing was stored."))
    }

    /// The session a callback's `state` names, left in place; an error for the page when there is none.
    private func pendingSession(query: [String: String]) async -> Result<AuthorizationSession, KeywayError> {
        guard let state = query["state"], !state.isEmpty, state.count <= 512 else {
            return .failure(.invalid("invalid_state", "This callback carries no state; start again from the app."))
        }
        do {
            guard let session = try await store.session(state: state) else {
                logger.notice("callback with unknown or used state")
                return .failure(Self.unknownState)
            }
            return .success(session)
        } catch {
            logger.error("callback failed to read its session", metadata: ["error": "\(Self.describe(error))"])
            return .failure(KeywayError(.internal, "internal_error", "Keyway could not read the session."))
        }
    }

    private static let unknownState = KeywayError.invalid(
        "invalid_state", "This sign-in link is unknown, expired or was already used; start again from the app.")

    /// The RFC 9207 refusal of a callback's `iss`, if any: against the service's recorded issuer, else the
    /// catalog entry's (with the session's placeholder values filled in).
    private func issuerRefusal(
        _ presented: String?, service: Service, provider: Provider, session: AuthorizationSession
    ) throws -> KeywayError? {
        var expected = service.issuer
        if expected == nil, let template = provider.issuer {
            let values = provider.paramDefaults.merging(session.params) { _, new in new }
            expected = try URLTemplate.fill(template, with: values)
        }
        switch IssuerCheck.evaluate(presented: presented, expected: expected) {
        case .accepted:
            return nil
        case .mismatch:
            logger.notice("callback with another issuer refused", metadata: ["session": "\(session.id)"])
            return .invalid(
                "issuer_mismatch",
                "The answer names another authorization server than this service's (RFC 9207 'iss'); nothing was stored.")
        case .missing:
            logger.notice("callback without the issuer the provider sends", metadata: ["session": "\(session.id)"])
            return .invalid(
                "issuer_missing",
                "The answer lacks the 'iss' this service's provider sends (RFC 9207); nothing was stored.")
        }
    }

    private func exchange(
        code: String, session: AuthorizationSession, service: Service, provider: Provider,
        callbackQuery: [String: String]
    ) async throws -> Identity {
        // The callback may name where this user's account lives (Zoho's accounts-server): the exchange and every
        // refresh go there.
        let fromCallback = try PlaceholderValues.fromCallback(callbackQuery, service: service, provider: provider)
        let params = session.params.merging(fromCallback) { _, new in new }
        let configuration = try OAuthClientConfiguration(service: service, provider: provider, params: params)
        // Checked before the code is spent.
        let callbackMetadata = try PlaceholderValues.callbackMetadata(callbackQuery, service: service, provider: provider)
        let request = TokenRequest(
            grant: .authorizationCode(
                code: code, redirectUri: callbackURL(service: session.serviceId), codeVerifier: session.codeVerifier),
            configuration: configuration)
        try checkOutbound(request.url, field: "tokenUrl")
        // No previous credentials: the user may have granted another account this time, whose tokens must
        // not be mixed with the old ones.
        let credentials = try await tokenEndpoint.send(
            request, format: configuration.responseFormat, previous: nil, now: now)
        var metadata = params
        metadata.merge(provider.metadata.values(in: credentials.native)) { _, new in new }
        metadata.merge(callbackMetadata) { _, new in new }
        // A host the provider names for later calls (Salesforce's instance_url) must be one the catalog allows:
        // otherwise nothing is stored, and no token is ever sent there.
        try MetadataHosts.validate(metadata, service: service, provider: provider)
        return try await saveConnection(
            serviceId: session.serviceId, tags: session.tags, credentials: credentials, metadata: metadata)
    }

    /// The identity with exactly these tags, which this authorization connects again, if any.
    private func reconnecting(serviceId: String, tags: Tags) async throws -> Identity? {
        guard !tags.isEmpty else { return nil }
        var cursor: String?
        repeat {
            let page = try await store.identities(
                serviceId: serviceId, matching: tags, limit: 500, after: cursor)
            if let match = page.items.first(where: { $0.tags == tags }) { return match }
            cursor = page.next
        } while cursor != nil
        return nil
    }

    /// Stores the new credentials: over the identity with exactly these tags (compare-and-set, read again when
    /// a refresh wrote meanwhile), or as a new one. The store keeps one identity per exact tag set, so when
    /// another callback with the same tags inserted first, this one reconnects that identity instead. The one
    /// place identities are created or connected again: by the code flow, the API and the connect page's form.
    func saveConnection(
        serviceId: String, tags: Tags, credentials: Credentials, metadata: [String: String]
    ) async throws -> Identity {
        let date = now()
        var current = try await reconnecting(serviceId: serviceId, tags: tags)
        while true {
            while var identity = current {
                let expected = identity.version
                identity.credentials = credentials
                identity.metadata = metadata
                identity.status = .active
                identity.statusReason = nil
                identity.updatedAt = date
                identity.version = expected + 1
                let written = try await writingIdentity(serviceId: serviceId, id: identity.id) {
                    try await store.updateIdentity(identity, expectedVersion: expected, event: .identityReconnected)
                }
                if written {
                    logger.info("identity reconnected", metadata: ["identity": "\(identity.id)"])
                    return identity
                }
                current = try await store.identity(serviceId: serviceId, id: identity.id)
            }
            let identity = Identity(
                id: SecureRandom.identifier(prefix: "idn"), serviceId: serviceId, tags: tags,
                credentials: credentials, metadata: metadata, createdAt: date, updatedAt: date)
            do {
                defer { openedIdentities.forgetTagLookups() }
                try await store.insertIdentity(identity)
                logger.info(
                    "identity connected", metadata: ["identity": "\(identity.id)", "service": "\(serviceId)"])
                return identity
            } catch let error as KeywayError where error.code == "conflict" {
                // Another callback with these tags stored its identity first: connect that one again.
                guard let winner = try await reconnecting(serviceId: serviceId, tags: tags) else { throw error }
                current = winner
            }
        }
    }

    /// The finished URL of a connection that failed once its session was taken (by the code flow or the credential
    /// form): a ``KeywayError`` with its own code; anything else as `internal_error`, logged and never shown.
    func failedConnection(_ finished: String, error: any Error, session: AuthorizationSession) -> String {
        if let error = error as? KeywayError {
            return FinishedURL.error(finished, code: error.code, description: error.message)
        }
        logger.error("storing the identity failed", metadata: ["session": "\(session.id)", "error": "\(Self.describe(error))"])
        return FinishedURL.error(finished, code: "internal_error", description: "Keyway could not store the connection.")
    }

    /// A description of an unexpected error that is safe to log.
    static func describe(_ error: any Error) -> String {
        if let error = error as? KeywayError { return error.description }
        return String(describing: type(of: error))
    }
}
