import KeywayAPI

extension KeywayClient {
    /// Starts a connection: Keyway stores a single-use session and returns the URL to send the end user's
    /// browser to. When the flow ends, the browser lands on `finishedURL` with `identityId`, `serviceId`,
    /// `tenantId` and `userId`, or with `error` and `errorDescription` (read them with ``ConnectionResult``).
    ///
    /// - Parameters:
    ///   - service: the service to connect, such as `hubspot`.
    ///   - tags: the tags the new identity will carry, such as `["tenantId": "contoso", "userId": "usr-123"]`.
    ///     Connecting again with exactly the same tags updates that identity.
    ///   - finishedURL: an absolute `http` or `https` URL of the app.
    ///   - params: values for the provider's URL placeholders, such as a Shopify `shop`.
    public func createSession(
        for service: String, tags: [String: String], finishedURL: String, params: [String: String] = [:]
    ) async throws -> ConnectSession {
        let body = Components.Schemas.NewSession(
            tags: .init(additionalProperties: tags), finishedUrl: finishedURL,
            params: params.isEmpty ? nil : .init(additionalProperties: params))
        return try await run { api in
            ConnectSession(
                try await api.createSession(path: .init(service: service), body: .json(body)).created.body.json)
        }
    }
}
