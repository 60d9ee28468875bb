import Foundation
import Hummingbird

extension SandboxGeneric {
    /// `GET api/me` and `GET api/company/{id}/me`: the grant behind the token, which must be presented in the
    /// options' header with its prefix (a Bearer token is refused by a Shopify-like sandbox).
    func me(_ request: Request, company: String?) -> Response {
        let now = Date()
        let presented = Self.token(in: request, presentation: options.tokenPresentation)
        let found = state.withLock { state -> (grant: GenericGrant, expired: Bool)? in
            state.stats.apiRequests += 1
            return presented.flatMap { state.lookUp(accessToken: $0, now: now) }
        }
        guard let found else {
            return unauthorized("The access token is missing, unknown or not in \(options.tokenPresentation.header).")
        }
        guard !found.expired else { return unauthorized("The access token expired.") }
        let grant = found.grant
        if let company, company != grant.companyId {
            return HTTP.json(
                ["error": "forbidden", "error_description": "The token is not authorized for company \(company)."],
                status: .forbidden)
        }
        var body: [String: SandboxJSON] = [
            "account": .string(grant.account), "client_id": .string(grant.clientId),
            "scopes": .array(grant.scopes.map(SandboxJSON.string)),
        ]
        if let companyId = grant.companyId { body["company_id"] = .string(companyId) }
        return HTTP.json(body)
    }

    /// The token in the presentation's header, after its prefix (compared without regard to case).
    static func token(in request: Request, presentation: SandboxTokenPresentation) -> String? {
        guard let name = HeaderName(presentation.header), let value = request.headers[name] else { return nil }
        guard value.lowercased().hasPrefix(presentation.prefix.lowercased()) else { return nil }
        let token = value.dropFirst(presentation.prefix.count).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// 401 as RFC 6750 has it for `Authorization: Bearer`, or as Shopify answers for its own header.
    private func unauthorized(_ description: String) -> Response {
        guard options.tokenPresentation.header.lowercased() == "authorization" else {
            return HTTP.json(
                ["errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"],
                status: .unauthorized)
        }
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = "Bearer realm=\"sandbox\", error=\"invalid_token\""
        return HTTP.json(
            ["error": "invalid_token", "error_description": description], status: .unauthorized, headers: headers)
    }
}
