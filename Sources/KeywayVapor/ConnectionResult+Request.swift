import KeywayClient
import Vapor

extension ConnectionResult {
    /// Reads the result from the request of the app's finished route.
    ///
    /// ```swift
    /// app.get("integrations", "hubspot", "connected") { request in
    ///     let result = ConnectionResult(request)
    ///     if let error = result.error { … show error and result.errorDescription, escaped … }
    ///     return request.redirect(to: "/integrations")
    /// }
    /// ```
    public init(_ request: Request) {
        self.init(query: PercentEncoding.decodeQuery(request.url.query ?? ""))
    }
}
