import KeywayAPI

extension KeywayClient {
    /// The one identity of a service that carries all the given tags, with a fresh access token; nil when
    /// none does (the end user has not connected, or was disconnected).
    ///
    /// ```swift
    /// guard let hubspot = try await keyway.identity(for: "hubspot", tags: ["tenantId": "contoso"]) else {
    ///     // show "Connect HubSpot"
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - service: the service, such as `hubspot`.
    ///   - tags: at least one tag; the identity must carry all of them (and may carry more).
    /// - Returns: the identity and its token, refreshed first when it was due; nil on `identity_not_found`.
    /// - Throws: ``KeywayClientError`` with code `ambiguous_identity` (409) when several identities carry the
    ///   tags, `service_not_found` when the service does not exist, `missing_tags` when `tags` is empty, or the
    ///   code of any other failure, such as `refresh_failed` when the provider refused a refresh.
    public func identity(for service: String, tags: [String: String]) async throws -> ConnectedIdentity? {
        do {
            return try await run { api in
                ConnectedIdentity(
                    try await api.getTokenByTags(
                        path: .init(service: service), query: .init(tag: Self.tagFilters(tags))
                    ).ok.body.json)
            }
        } catch let error as KeywayClientError where error.isIdentityNotFound {
            return nil
        }
    }

    /// One identity by id, with a fresh access token; nil when the service has no such identity.
    ///
    /// - Parameters:
    ///   - service: the service, such as `hubspot`.
    ///   - id: the identity id, as the finished URL's `identityId` gave it.
    /// - Throws: ``KeywayClientError``, such as `service_not_found`.
    public func identity(for service: String, id: String) async throws -> ConnectedIdentity? {
        do {
            return try await run { api in
                ConnectedIdentity(try await api.getToken(path: .init(service: service, identity: id)).ok.body.json)
            }
        } catch let error as KeywayClientError where error.isIdentityNotFound {
            return nil
        }
    }

    /// One identity's tags, status and times, without a token; nil when the service has no such identity.
    ///
    /// - Throws: ``KeywayClientError``, such as `service_not_found`.
    public func identityDetails(for service: String, id: String) async throws -> Identity? {
        do {
            return try await run { api in
                Identity(try await api.getIdentity(path: .init(service: service, identity: id)).ok.body.json)
            }
        } catch let error as KeywayClientError where error.isIdentityNotFound {
            return nil
        }
    }

    /// One page of a service's identities that carry all the given tags, without tokens.
    ///
    /// ```swift
    /// var page = try await keyway.identities(for: "hubspot", tags: ["tenantId": "contoso"])
    /// while let next = page.next {
    ///     page = try await keyway.identities(for: "hubspot", tags: ["tenantId": "contoso"], next: next)
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - service: the service.
    ///   - tags: tags every listed identity carries; empty lists them all.
    ///   - limit: the page size, 1 to 500; Keyway's default (50) when nil.
    ///   - next: the previous page's ``IdentityPage/next`` cursor, or nil for the first page.
    public func identities(
        for service: String, tags: [String: String] = [:], limit: Int? = nil, next: String? = nil
    ) async throws -> IdentityPage {
        try await run { api in
            IdentityPage(
                try await api.listIdentities(
                    path: .init(service: service), query: .init(tag: Self.tagFilters(tags), limit: limit, next: next)
                ).ok.body.json)
        }
    }

    /// Creates an identity from credentials the app holds (an API key, Basic credentials, a client for the
    /// client-credentials grant, or an OAuth token imported from another system), shaped by the service's auth
    /// mode. An identity with exactly these tags has its credentials replaced.
    ///
    /// - Throws: ``KeywayClientError`` with code `invalid_credentials` when they do not fit the service's mode,
    ///   `credentials_rejected` when the provider refused them, or `service_not_found`.
    @discardableResult
    public func createIdentity(for service: String, tags: [String: String], credentials: IdentityCredentials)
        async throws -> Identity
    {
        try await run { api in
            Identity(
                try await api.createIdentity(
                    path: .init(service: service),
                    body: .json(.init(tags: .init(additionalProperties: tags), credentials: credentials.wire))
                ).created.body.json)
        }
    }

    /// Deletes one identity: the end user must connect again.
    ///
    /// - Throws: ``KeywayClientError`` with code `identity_not_found` when there is no such identity.
    ///
    /// - Parameter revoke: false to leave the grant alive at the provider (by default Keyway revokes it where
    ///   the catalog or the service names a revocation endpoint).
    public func deleteIdentity(for service: String, id: String, revoke: Bool = true) async throws {
        _ = try await run { api in
            try await api.deleteIdentity(path: .init(service: service, identity: id), query: .init(revoke: revoke ? nil : "false")).noContent
        }
    }

    /// Deletes every identity of a service that carries all the given tags: how an app disconnects a tenant.
    ///
    /// - Parameters:
    ///   - service: the service.
    ///   - tags: at least one tag (Keyway refuses to delete everything at once with `missing_tags`).
    ///   - revoke: false to leave the grants alive at the provider (by default Keyway revokes each one where the
    ///     catalog or the service names a revocation endpoint).
    /// - Returns: how many identities were deleted; 0 when none matched.
    @discardableResult
    public func deleteIdentities(for service: String, tags: [String: String], revoke: Bool = true) async throws -> Int {
        try await run { api in
            try await api.deleteIdentitiesByTags(
                path: .init(service: service), query: .init(tag: Self.tagFilters(tags), revoke: revoke ? nil : "false")
            ).ok.body.json.deleted
        }
    }

}
