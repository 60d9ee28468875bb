import Foundation
import Hummingbird

extension SandboxGeneric {
    /// `GET oauth/authorize`: the consent page, or an error.
    func showConsent(_ request: Request) -> Response {
        switch GenericAuthorization.parse(HTTP.query(of: request), options: options) {
        case .success(let authorization):
            return HTTP.html(
                ConsentPage.generic(action: request.uri.path, options: options, authorization: authorization))
        case .failure(let problem):
            return render(problem)
        }
    }

    /// `POST oauth/authorize`: the decision. Allow redirects with a code (and the options' callback parameters,
    /// such as QuickBooks' `realmId`), deny with `access_denied`.
    func decide(_ request: Request) async throws -> Response {
        let fields = HTTP.parseForm(try await HTTP.bodyText(of: request))
        let authorization: GenericAuthorization
        switch GenericAuthorization.parse(fields, options: options) {
        case .success(let parsed): authorization = parsed
        case .failure(let problem): return render(problem)
        }
        var pairs: [(String, String)]
        switch fields["decision"] {
        case "allow":
            let code = state.withLock { $0.issueCode(for: authorization, now: Date()) }
            pairs = [("code", code)]
            if let companyId = options.companyId { pairs.append(("realmId", companyId)) }
            pairs += options.callbackParameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        case "deny":
            pairs = [("error", "access_denied"), ("error_description", "The user declined to authorize the app.")]
        default:
            return HTTP.html(ConsentPage.error("The decision must be allow or deny."), status: .badRequest)
        }
        if let state = authorization.state { pairs.append(("state", state)) }
        if let issuer = options.issuer { pairs.append(("iss", issuer.identifier)) }
        return HTTP.redirect(to: HTTP.appendingQuery(to: authorization.redirectURI, pairs))
    }

    private func render(_ problem: AuthorizationRequest.Problem) -> Response {
        switch problem {
        case .page(let message):
            return HTTP.html(ConsentPage.error(message), status: .badRequest)
        case .redirect(let redirectURI, let error, let description, let state):
            var pairs = [("error", error), ("error_description", description)]
            if let state { pairs.append(("state", state)) }
            if let issuer = options.issuer { pairs.append(("iss", issuer.identifier)) }
            return HTTP.redirect(to: HTTP.appendingQuery(to: redirectURI, pairs))
        }
    }
}
