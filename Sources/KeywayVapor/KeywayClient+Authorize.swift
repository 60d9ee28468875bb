import KeywayClient
import Vapor

extension KeywayClient {
    /// The app's connect route for one service, ready to register on a Vapor application: a `GET` at `path`
    /// that starts a Keyway session with the tags the closure gives and redirects the browser (302) to Keyway,
    /// which takes it to the provider's consent page. When the flow ends, the browser lands on `finishedURL`
    /// with the outcome; read it there with ``ConnectionResult/init(_:)``.
    ///
    /// ```swift
    /// try app.register(collection: keyway.authorize("hubspot", at: "integrations", "hubspot", "connect",
    ///                                              finishedURL: "/integrations/hubspot/connected",
    ///                                              tags: { request in ["tenantId": "contoso", "userId": "usr-123"] }))
    /// ```
    ///
    /// If Keyway refuses to start the session (an unknown service, a bad API key, unreachable), the browser
    /// goes straight to `finishedURL` with `error` and `errorDescription`.
    ///
    /// - Parameters:
    ///   - service: the service to connect, such as `hubspot`.
    ///   - path: where to mount the route.
    ///   - finishedURL: where the browser lands at the end: an absolute URL, or a path of this app resolved
    ///     against `publicURL`.
    ///   - publicURL: the app's public base URL, such as `https://app.example.com`. When nil, the request's
    ///     `Host` header and `http` are used, which suits local development; set it in production (and behind
    ///     a proxy or TLS terminator).
    ///   - params: values for the provider's URL placeholders, such as a Shopify `shop` taken from the query.
    ///   - tags: the tags the identity will carry, typically the signed-in user's tenant and user ids. Throw
    ///     (an `Abort(.unauthorized)`, say) to refuse.
    /// - Returns: a route collection for `app.register(collection:)` (or any `RoutesBuilder`, such as a group
    ///   behind the app's authentication middleware).
    public func authorize(
        _ service: String,
        at path: PathComponent...,
        finishedURL: String,
        publicURL: String? = nil,
        params: (@Sendable (Request) async throws -> [String: String])? = nil,
        tags: @escaping @Sendable (Request) async throws -> [String: String]
    ) -> some RouteCollection {
        ConnectRoute(
            keyway: self, service: service, path: path, finishedURL: finishedURL, publicURL: publicURL, tags: tags,
            params: params)
    }
}
