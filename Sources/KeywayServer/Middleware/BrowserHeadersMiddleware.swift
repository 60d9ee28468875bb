import HTTPTypes
import Hummingbird

/// Headers for every answer a browser reads on Keyway's own routes (the connect and callback legs, the
/// dashboard): the callback's URL, which carries the authorization code and state, is never sent on as a
/// `Referer` (RFC 9700 §4.2), answers are never sniffed as another content type, and nothing is cached.
///
/// The dashboard uses `same-origin` instead of `no-referrer`: with `no-referrer` a browser sends `Origin: null` on
/// a form post, which the dashboard's same-origin check must refuse (a real Chromium showed it); `same-origin`
/// still sends nothing to any other origin.
struct BrowserHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    var referrerPolicy = "no-referrer"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.referrerPolicy] = referrerPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

extension HTTPField.Name {
    /// `Referrer-Policy`.
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
