import Foundation

extension Keyway {
    /// The connect page's credential form for a session: where ``connect(sessionId:browserToken:)`` sends a
    /// browser whose service takes API keys, Basic credentials or a customer's own OAuth client.
    public func credentialFormURL(sessionId: String) -> String {
        "\(publicURL)/v1/connect/\(sessionId)/credentials"
    }

    /// The credential form for a session, to show: the browser opening it claims the session like a connect
    /// link (only that browser may post the form); an expired session goes to the finished URL with
    /// `session_expired`. A session of an OAuth code-flow service is refused (`consent_required`): its end user
    /// consents at the provider instead.
    ///
    /// - Parameters:
    ///   - sessionId: the session in the URL.
    ///   - browserToken: the binding token this browser presents for the session (its cookie), if any.
    public func credentialForm(sessionId: String, browserToken: String?) async -> CredentialFormOutcome {
        do {
            guard var session = try await store.session(id: sessionId) else { return .rejected(Self.sessionNotFound) }
            guard session.expiresAt > now() else { return .redirect(Self.expired(session)) }
            let service = try await service(id: session.serviceId)
            let provider = try provider(for: service)
            let mode = service.effectiveAuthMode(provider: provider)
            guard !mode.usesConsent else { return .rejected(Self.consentRequired) }
            let token = try await claim(&session, presented: browserToken)
            return .form(
                Self.form(session: session, provider: provider, mode: mode, token: token, error: nil),
                binding: binding(for: session, token: token))
        } catch let error as KeywayError {
            return .rejected(error)
        } catch {
            logger.error("credential form failed", metadata: ["error": "\(Self.describe(error))"])
            return .rejected(KeywayError(.internal, "internal_error", "Keyway could not read the session."))
        }
    }

    /// Completes a connect session with credentials an end user entered on the connect page's form, by the same
    /// path as `POST /v1/services/{service}/identities`: checked for the service's mode, verified with the
    /// catalog entry's verification request (or, for a client, its first token fetched), sealed, stored under
    /// the one-identity-per-tag-set rule with the session's tags and params, the `identity.created` (or
    /// `identity.reconnected`) webhook event queued, and the browser sent to the finished URL with the identity,
    /// as after the OAuth callback.
    ///
    /// The post must come from the browser that opened the session (its binding cookie) and carry the form's
    /// token (``BrowserBinding/formToken(for:)``); otherwise it is rejected and the session left in place.
    /// Credentials that are malformed or that the provider refuses show the form again with the error, the
    /// session still unspent, so that the end user may correct a typo; nothing is stored.
    ///
    /// - Parameters:
    ///   - sessionId: the session in the form's URL.
    ///   - credentials: the form's values (``CredentialForm/credentials(from:mode:)``).
    ///   - browserToken: the binding token the browser presents (its cookie), if any.
    ///   - formToken: the form token posted with the values, if any.
    public func completeSession(
        _ sessionId: String, credentials input: NewIdentityCredentials, browserToken: String?, formToken: String?
    ) async -> CredentialFormOutcome {
        let session: AuthorizationSession
        do {
            guard let found = try await store.session(id: sessionId) else { return .rejected(Self.sessionNotFound) }
            session = found
        } catch {
            logger.error("credential form failed to read its session", metadata: ["error": "\(Self.describe(error))"])
            return .rejected(KeywayError(.internal, "internal_error", "Keyway could not read the session."))
        }
        guard BrowserBinding.matches(browserToken, storedHash: session.browserHash),
            BrowserBinding.formTokenMatches(formToken, bindingToken: browserToken), let browserToken
        else {
            logger.notice("credential form posted without this browser's binding or form token", metadata: ["session": "\(session.id)"])
            return .rejected(
                KeywayError(
                    .forbidden, "form_token_mismatch",
                    "This form was not opened in this browser, or its token is missing; open the connect link again."))
        }
        guard session.expiresAt > now() else { return .redirect(Self.expired(session)) }
        let finished = session.finishedUrl
        do {
            let service = try await service(id: session.serviceId)
            let provider = try provider(for: service)
            let mode = service.effectiveAuthMode(provider: provider)
            guard !mode.usesConsent else { return .rejected(Self.consentRequired) }
            let credentials: Credentials
            do {
                if mode == .oauth2ClientCredentials, input.clientId == nil || input.clientSecret == nil {
                    // On the form, an end user brings their own client; the service's is never implied.
                    throw KeywayError.invalid("invalid_credentials", "Enter both the client ID and the client secret.")
                }
                credentials = try await preparedCredentials(
                    input, service: service, provider: provider, metadata: session.params)
            } catch let error as KeywayError where Self.retryableCodes.contains(error.code) {
                logger.info("credentials from the form refused", metadata: ["session": "\(session.id)", "error": "\(error.code)"])
                return .form(
                    Self.form(session: session, provider: provider, mode: mode, token: browserToken, error: error),
                    binding: nil)
            }
            // Spent only now, once: a second post of the same form (or a race) finds no session.
            guard try await store.takeSession(state: session.state) != nil else {
                logger.notice("credential form lost the race for its session", metadata: ["session": "\(session.id)"])
                return .rejected(Self.sessionNotFound)
            }
            let identity = try await saveConnection(
                serviceId: session.serviceId, tags: session.tags, credentials: credentials, metadata: session.params)
            logger.info(
                "identity connected with entered credentials",
                metadata: ["session": "\(session.id)", "identity": "\(identity.id)", "mode": "\(mode.rawValue)"])
            return .redirect(FinishedURL.success(finished, identity: identity))
        } catch {
            return .redirect(failedConnection(finished, error: error, session: session))
        }
    }

    /// Refusals of the entered credentials themselves, after which the form is shown again.
    private static let retryableCodes: Set<String> = [
        "invalid_credentials", "credentials_rejected", "verification_failed", "provider_unreachable",
    ]

    private static let consentRequired = KeywayError.invalid(
        "consent_required", "This service connects through the provider's sign-in page; open the connect link instead.")

    private static func expired(_ session: AuthorizationSession) -> String {
        FinishedURL.error(
            session.finishedUrl, code: "session_expired", description: "The connect link expired; start again from the app.")
    }

    private static func form(
        session: AuthorizationSession, provider: Provider, mode: AuthMode, token: String, error: KeywayError?
    ) -> CredentialForm {
        CredentialForm(
            sessionId: session.id, serviceId: session.serviceId, providerName: provider.displayName, authMode: mode,
            fields: CredentialForm.fields(for: mode), formToken: BrowserBinding.formToken(for: token),
            docsUrl: provider.docsUrl, error: error)
    }
}
