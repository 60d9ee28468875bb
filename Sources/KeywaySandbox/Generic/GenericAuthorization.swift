import Foundation

/// A validated authorization request to a generic sandbox (`GET` or `POST oauth/authorize`).
struct GenericAuthorization: Sendable, Equatable {
    var clientId: String
    var redirectURI: String
    /// The scopes, split on the sandbox's separator.
    var scopes: [String]
    var state: String?
    var codeChallenge: String?
    var codeChallengeMethod: String?
    /// The fields the consent form carries back, exactly as they came.
    var formFields: [(String, String)]

    static func == (lhs: GenericAuthorization, rhs: GenericAuthorization) -> Bool {
        lhs.clientId == rhs.clientId && lhs.redirectURI == rhs.redirectURI && lhs.scopes == rhs.scopes
            && lhs.state == rhs.state && lhs.codeChallenge == rhs.codeChallenge
    }

    /// The parameters the consent form echoes back as hidden fields.
    static let echoedFields = [
        "response_type", "client_id", "redirect_uri", "scope", "user_scope", "state", "code_challenge",
        "code_challenge_method",
    ]

    /// Validates the fields of an authorization request against the sandbox's options.
    ///
    /// Problems with the client or the redirect URI are shown as a page; the others go back to the redirect URI.
    static func parse(
        _ fields: [String: String], options: SandboxGenericOptions
    ) -> Result<Self, AuthorizationRequest.Problem> {
        guard let clientId = fields["client_id"], !clientId.isEmpty else {
            return .failure(.page("The client_id parameter is missing."))
        }
        guard Tokens.constantTimeEqual(clientId, options.clientId) else {
            return .failure(.page("Unknown client_id: \(clientId). No app with this client id exists."))
        }
        guard let redirectURI = fields["redirect_uri"], !redirectURI.isEmpty,
            AuthorizationRequest.isLoopbackRedirect(redirectURI)
        else {
            return .failure(.page("The redirect_uri is missing or not an http(s) URL on loopback without a fragment."))
        }
        let state = fields["state"]
        func refuse(_ error: String, _ description: String) -> Result<Self, AuthorizationRequest.Problem> {
            .failure(.redirect(redirectURI: redirectURI, error: error, description: description, state: state))
        }
        guard fields["response_type"] == "code" else {
            return refuse("unsupported_response_type", "response_type must be code")
        }
        var scopeField = fields["scope"]
        if case .nested(_, let scopeParameter) = options.tokenPlacement {
            if fields["scope"].map({ !$0.isEmpty }) ?? false {
                return refuse("invalid_scope", "this app has no bot user: request user scopes in \(scopeParameter)")
            }
            scopeField = fields[scopeParameter]
        }
        guard let scopes = split(scopeField, separator: options.scopeSeparator) else {
            let name = options.scopeSeparator == " " ? "space" : "'\(options.scopeSeparator)'"
            return refuse("invalid_scope", "scopes must be \(name)-separated names")
        }
        if scopes.isEmpty && options.requiresScope {
            return refuse("invalid_scope", "at least one scope is required")
        }
        let challenge = fields["code_challenge"].flatMap { $0.isEmpty ? nil : $0 }
        let requestedMethod = fields["code_challenge_method"].flatMap { $0.isEmpty ? nil : $0 }
        let method = challenge == nil ? nil : (requestedMethod ?? "plain")
        if let method, method != "S256" && method != "plain" {
            return refuse("invalid_request", "code_challenge_method must be S256 or plain")
        }
        return .success(
            GenericAuthorization(
                clientId: clientId, redirectURI: redirectURI, scopes: scopes, state: state, codeChallenge: challenge,
                codeChallengeMethod: method,
                formFields: echoedFields.compactMap { name in fields[name].map { (name, $0) } }))
    }

    /// The scopes in `text` split on `separator`, or `nil` when one holds whitespace or a comma (which a real
    /// provider would not recognise as a scope name).
    static func split(_ text: String?, separator: String) -> [String]? {
        guard let text, !text.isEmpty else { return [] }
        let parts = text.components(separatedBy: separator).filter { !$0.isEmpty }
        for part in parts where part.contains(where: { $0.isWhitespace || $0 == "," }) {
            return nil
        }
        var seen: [String] = []
        for part in parts where !seen.contains(part) { seen.append(part) }
        return seen
    }
}
