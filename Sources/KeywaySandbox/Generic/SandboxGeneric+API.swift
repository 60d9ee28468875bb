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

    /// `GET api/keyed`: 200 when the request carries the options' static credential exactly where they say
    /// (and, for a header credential, not in the query), else 401.
    func keyed(_ request: Request) -> Response {
        state.withLock { $0.stats.apiRequests += 1 }
        let accepted: Bool
        switch options.staticCredential {
        case .header(let name, let value):
            accepted = HeaderName(name).flatMap { request.headers[$0] } == value
        case .query(let name, let value):
            accepted = request.uri.queryParameters.getAll(name).map { String($0) } == [value]
        case nil:
            accepted = false
        }
        guard accepted else {
            return HTTP.json(["error": "unauthorized", "error_description": "Wrong or missing credential."], status: .unauthorized)
        }
        return HTTP.json(["ok": SandboxJSON.bool(true), "account": .string(GenericState.account)])
    }

    /// `POST oauth/revoke` (RFC 7009): 200 for any token once the client is authenticated.
    func revoke(_ request: Request) async throws -> Response {
        let revocation = GenericTokenRequest(
            fields: HTTP.parseForm(try await HTTP.bodyText(of: request)), basic: HTTP.basicCredentials(of: request))
        guard let failure = state.withLock({ $0.revoke(revocation) }) else { return HTTP.json([String: String]()) }
        return HTTP.json(["error": failure.error], code: failure == .missingGrantType ? 400 : 401)
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
