import Hummingbird
import KeywayClient

extension ConnectionResult {
    /// Reads the result from the request of the app's finished route.
    ///
    /// ```swift
    /// router.get("/integrations/hubspot/connected") { request, _ in
    ///     let result = ConnectionResult(request)
    ///     if let error = result.error { … show error and result.errorDescription, escaped … }
    ///     return Response(status: .found, headers: [.location: "/integrations"])
    /// }
    /// ```
    public init(_ request: Request) {
        self.init(query: PercentEncoding.decodeQuery(request.uri.query ?? ""))
    }
}
