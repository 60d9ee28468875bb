import Foundation
import Hummingbird

extension SandboxHubSpot {
    /// How long an authorization code can be exchanged.
    static let codeLifetime: TimeInterval = 600

    func addAuthorizeRoutes<Context: RequestContext>(to group: RouterGroup<Context>) {
        group.get("oauth/authorize") { request, _ in
            self.showConsent(request)
        }
        group.post("oauth/authorize") { request, _ in
            try await self.decide(request)
        }
    }

    /// `GET /oauth/authorize`: the consent page, or an error.
    func showConsent(_ request: Request) -> Response {
        switch AuthorizationRequest.parse(HTTP.query(of: request), expectedClientId: options.clientId) {
        case .success(let authorization):
            return HTTP.html(ConsentPage.consent(action: request.uri.path, authorization: authorization))
        case .failure(let problem):
            return render(problem)
        }
    }

    /// `POST /oauth/authorize`: the person's decision. Allow redirects with a code, deny with `access_denied`.
    func decide(_ request: Request) async throws -> Response {
        let fields = HTTP.parseForm(try await HTTP.bodyText(of: request))
        let authorization: AuthorizationRequest
        switch AuthorizationRequest.parse(fields, expectedClientId: options.clientId) {
        case .success(let parsed): authorization = parsed
        case .failure(let problem): return render(problem)
        }
        var pairs: [(String, String)]
        switch fields["decision"] {
        case "allow":
            pairs = [("code", issueCode(for: authorization))]
        case "deny":
            pairs = [("error", "access_denied"), ("error_description", "The user declined to connect the app.")]
        default:
            return HTTP.html(ConsentPage.error("The decision must be allow or deny."), status: .badRequest)
        }
        if let state = authorization.state { pairs.append(("state", state)) }
        return HTTP.redirect(to: HTTP.appendingQuery(to: authorization.redirectURI, pairs))
    }

    /// Stores a fresh single-use code for an approved request.
    func issueCode(for authorization: AuthorizationRequest) -> String {
        let code = Tokens.random(prefix: "sbx-code-")
        let now = Date()
        let pending = PendingCode(
            clientId: authorization.clientId,
            redirectURI: authorization.redirectURI,
            scopes: authorization.grantedScopes,
            codeChallenge: authorization.codeChallenge,
            codeChallengeMethod: authorization.codeChallengeMethod,
            expiresAt: now.addingTimeInterval(Self.codeLifetime)
        )
        state.withLock { state in
            state.pruneIfDue(now: now)
            state.codes[code] = pending
        }
        return code
    }

    private func render(_ problem: AuthorizationRequest.Problem) -> Response {
        switch problem {
        case .page(let message):
            return HTTP.html(ConsentPage.error(message), status: .badRequest)
        case .redirect(let redirectURI, let error, let description, let state):
            var pairs = [("error", error), ("error_description", description)]
            if let state { pairs.append(("state", state)) }
            return HTTP.redirect(to: HTTP.appendingQuery(to: redirectURI, pairs))
        }
    }
}
