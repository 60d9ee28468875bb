import Foundation

extension Keyway {
    /// Finishes an authorization from the provider's redirect: takes the session named by `state` (once),
    /// exchanges the code and stores the identity, replacing the credentials of an identity with exactly
    /// the same tags (a reconnection) or creating a new one.
    ///
    /// - Parameter query: the callback's query parameters.
    public func finishAuthorization(query: [String: String]) async -> CallbackOutcome {
        guard let state = query["state"], !state.isEmpty, state.count <= 512 else {
            return .rejected(.invalid("invalid_state", "This callback carries no state; start again from the app."))
        }
        let session: AuthorizationSession
        do {
            guard let taken = try await store.takeSession(state: state) else {
                logger.notice("callback with unknown or used state")
                return .rejected(
                    .invalid(
                        "invalid_state",
                        "This sign-in link is unknown, expired or was already used; start again from the app."))
            }
            session = taken
        } catch {
            logger.error("callback failed to read its session", metadata: ["error": "\(Self.describe(error))"])
            return .rejected(KeywayError(.internal, "internal_error", "Keyway could not read the session."))
        }
        let finished = session.finishedUrl
        guard session.expiresAt > now() else {
            logger.info("callback for an expired session", metadata: ["session": "\(session.id)"])
            return .redirect(
                FinishedURL.error(finished, code: "session_expired", description: "The sign-in took too long; try again."))
        }
        if let error = query["error"] {
            let description = Self.sanitized(query["error_description"] ?? "The provider reported '\(error)'.")
            logger.info("provider returned an error", metadata: ["session": "\(session.id)", "error": "\(Self.sanitized(error))"])
            return .redirect(FinishedURL.error(finished, code: Self.sanitized(error), description: description))
        }
        guard let code = query["code"], !code.isEmpty else {
            return .redirect(
                FinishedURL.error(finished, code: "invalid_callback", description: "The provider sent neither a code nor an error."))
        }
        do {
            let identity = try await exchange(code: code, session: session, callbackQuery: query)
            return .redirect(FinishedURL.success(finished, identity: identity))
        } catch let error as OAuthProviderError {
            logger.notice(
                "code exchange failed", metadata: ["session": "\(session.id)", "error": "\(Self.sanitized(error.error))"])
            let detail = error.description.map { ": \(Self.sanitized($0))" } ?? ""
            return .redirect(
                FinishedURL.error(
                    finished, code: "code_exchange_failed",
                    description: "The provider refused the code exchange (\(Self.sanitized(error.error))\(detail))."))
        } catch let error as KeywayError {
            return .redirect(FinishedURL.error(finished, code: error.code, description: error.message))
        } catch {
            logger.error("storing the identity failed", metadata: ["session": "\(session.id)", "error": "\(Self.describe(error))"])
            return .redirect(
                FinishedURL.error(finished, code: "internal_error", description: "Keyway could not store the connection."))
        }
    }

    private func exchange(code: String, session: AuthorizationSession, callbackQuery: [String: String]) async throws
        -> Identity
    {
        let service = try await service(id: session.serviceId)
        let provider = try provider(for: service)
        // The callback may name where this user's account lives (Zoho's accounts-server): the exchange and every
        // refresh go there.
        let fromCallback = try PlaceholderValues.fromCallback(callbackQuery, service: service, provider: provider)
        let params = session.params.merging(fromCallback) { _, new in new }
        let configuration = try OAuthClientConfiguration(service: service, provider: provider, params: params)
        // Checked before the code is spent.
        let callbackMetadata = try PlaceholderValues.callbackMetadata(callbackQuery, service: service, provider: provider)
        let request = TokenRequest(
            grant: .authorizationCode(code: code, redirectUri: callbackURL, codeVerifier: session.codeVerifier),
            configuration: configuration)
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
            session: session, existing: try await reconnecting(session), credentials: credentials, metadata: metadata)
    }

    /// The identity with exactly the session's tags, which this authorization connects again, if any.
    private func reconnecting(_ session: AuthorizationSession) async throws -> Identity? {
        guard !session.tags.isEmpty else { return nil }
        var cursor: String?
        repeat {
            let page = try await store.identities(
                serviceId: session.serviceId, matching: session.tags, limit: 500, after: cursor)
            if let match = page.items.first(where: { $0.tags == session.tags }) { return match }
            cursor = page.next
        } while cursor != nil
        return nil
    }

    /// Stores the new credentials: over the identity being reconnected (compare-and-set, read again when a
    /// refresh wrote meanwhile), or as a new one. The store keeps one identity per exact tag set, so when
    /// another callback with the same tags inserted first, this one reconnects that identity instead.
    private func saveConnection(
        session: AuthorizationSession, existing: Identity?, credentials: Credentials, metadata: [String: String]
    ) async throws -> Identity {
        let date = now()
        var current = existing
        while true {
            while var identity = current {
                let expected = identity.version
                identity.credentials = credentials
                identity.metadata = metadata
                identity.status = .active
                identity.statusReason = nil
                identity.updatedAt = date
                identity.version = expected + 1
                if try await store.updateIdentity(identity, expectedVersion: expected) {
                    logger.info("identity reconnected", metadata: ["identity": "\(identity.id)"])
                    return identity
                }
                current = try await store.identity(serviceId: session.serviceId, id: identity.id)
            }
            let identity = Identity(
                id: SecureRandom.identifier(prefix: "idn"), serviceId: session.serviceId, tags: session.tags,
                credentials: credentials, metadata: metadata, createdAt: date, updatedAt: date)
            do {
                try await store.insertIdentity(identity)
                logger.info(
                    "identity connected", metadata: ["identity": "\(identity.id)", "service": "\(session.serviceId)"])
                return identity
            } catch let error as KeywayError where error.code == "conflict" {
                // Another callback with these tags stored its identity first: connect that one again.
                guard let winner = try await reconnecting(session) else { throw error }
                current = winner
            }
        }
    }

    /// Provider-supplied text, cut short and stripped of control characters before it is shown or logged.
    static func sanitized(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.prefix(300).map(Character.init))
    }

    /// A description of an unexpected error that is safe to log.
    static func describe(_ error: any Error) -> String {
        if let error = error as? KeywayError { return error.description }
        return String(describing: type(of: error))
    }
}
