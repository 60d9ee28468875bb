import Foundation
import Hummingbird

extension SandboxGeneric {
    /// `POST oauth/token`: both grants, answered in the shape the options describe.
    ///
    /// - Parameter atRefreshPath: whether the request came to ``SandboxGenericOptions/refreshPath``.
    func token(_ request: Request, atRefreshPath: Bool = false) async throws -> Response {
        let tokenRequest = GenericTokenRequest(
            fields: HTTP.parseForm(try await HTTP.bodyText(of: request)), basic: HTTP.basicCredentials(of: request))
        let result = state.withLock { $0.grant(tokenRequest, now: Date(), atRefreshPath: atRefreshPath) }
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        switch result {
        case .success(let issued):
            let body = GenericTokenAnswer.body(issued, options: options, baseURL: Self.baseURL(of: request))
            return hostileAnswer(body, issued: issued, headers: headers)
        case .failure(let failure):
            if case .nested = options.tokenPlacement {
                return HTTP.json(["ok": SandboxJSON.bool(false), "error": .string(failure.slackError)], headers: headers)
            }
            if failure.status == 401 { headers[.wwwAuthenticate] = "Basic realm=\"sandbox\"" }
            let body = ["error": failure.error, "error_description": failure.description]
            return HTTP.json(body, code: failure.status, headers: headers)
        }
    }

    /// This sandbox's own base URL as the client reached it: the request's authority and the path above
    /// `oauth/token`. It is what Salesforce-like sandboxes answer as `instance_url`.
    static func baseURL(of request: Request) -> String {
        let path = request.uri.path
        let root = path.hasSuffix("/oauth/token") ? String(path.dropLast("/oauth/token".count)) : ""
        return "\(request.head.scheme ?? "http")://\(request.head.authority ?? "127.0.0.1")\(root)"
    }
}
