import Foundation

/// A validated authorization request (`GET` or `POST /oauth/authorize`).
struct AuthorizationRequest: Sendable, Equatable {
    var clientId: String
    var redirectURI: String
    var scopes: [String]
    var optionalScopes: [String]
    var state: String?
    var codeChallenge: String?
    var codeChallengeMethod: String?

    /// What went wrong with an authorization request.
    enum Problem: Error, Equatable {
        /// Shown as a 400 HTML page: the redirect target is unknown or untrusted.
        case page(String)
        /// Sent back to the app's redirect URI as `?error=…&error_description=…&state=…`.
        case redirect(redirectURI: String, error: String, description: String, state: String?)
    }

    /// Validates the fields of an authorization request against the sandbox's client.
    static func parse(_ fields: [String: String], expectedClientId: String) -> Result<Self, Problem> {
        guard let clientId = fields["client_id"], !clientId.isEmpty else {
            return .failure(.page("The client_id parameter is missing."))
        }
        guard Tokens.constantTimeEqual(clientId, expectedClientId) else {
            return .failure(.page("Unknown client_id: \(clientId). No app with this client id exists."))
        }
        guard let redirectURI = fields["redirect_uri"], !redirectURI.isEmpty else {
            return .failure(.page("The redirect_uri parameter is missing."))
        }
        guard isLoopbackRedirect(redirectURI) else {
            return .failure(
                .page(
                    "Invalid redirect_uri: \(redirectURI). The sandbox only redirects to http(s) URLs on loopback "
                        + "(127.0.0.1, localhost or [::1]) without a fragment."
                )
            )
        }
        let state = fields["state"]
        let scopes = splitScopes(fields["scope"])
        guard !scopes.isEmpty else {
            return .failure(
                .redirect(redirectURI: redirectURI, error: "invalid_scope", description: "missing scope", state: state)
            )
        }
        let challenge = fields["code_challenge"].flatMap { $0.isEmpty ? nil : $0 }
        var method: String?
        if challenge != nil {
            method = fields["code_challenge_method"].flatMap { $0.isEmpty ? nil : $0 } ?? "plain"
            guard method == "S256" || method == "plain" else {
                return .failure(
                    .redirect(
                        redirectURI: redirectURI,
                        error: "invalid_request",
                        description: "code_challenge_method must be S256 or plain",
                        state: state
                    )
                )
            }
        }
        return .success(
            AuthorizationRequest(
                clientId: clientId,
                redirectURI: redirectURI,
                scopes: scopes,
                optionalScopes: splitScopes(fields["optional_scope"]).filter { !scopes.contains($0) },
                state: state,
                codeChallenge: challenge,
                codeChallengeMethod: method
            )
        )
    }

    /// Scopes are separated by spaces (HubSpot also tolerates commas).
    static func splitScopes(_ text: String?) -> [String] {
        guard let text else { return [] }
        var seen: [String] = []
        for scope in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
        where !seen.contains(scope) {
            seen.append(scope)
        }
        return seen
    }

    /// Whether `uri` is an absolute http(s) URL on a loopback host, without a fragment.
    static func isLoopbackRedirect(_ uri: String) -> Bool {
        guard let components = URLComponents(string: uri), components.fragment == nil,
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var host = components.host?.lowercased()
        else { return false }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// The fields the consent form carries back, as hidden inputs.
    var formFields: [(String, String)] {
        var fields = [
            ("client_id", clientId), ("redirect_uri", redirectURI), ("scope", scopes.joined(separator: " ")),
        ]
        if !optionalScopes.isEmpty { fields.append(("optional_scope", optionalScopes.joined(separator: " "))) }
        if let state { fields.append(("state", state)) }
        if let codeChallenge { fields.append(("code_challenge", codeChallenge)) }
        if let codeChallengeMethod { fields.append(("code_challenge_method", codeChallengeMethod)) }
        return fields
    }

    /// Every scope granted on approval: the required ones and, as the user has them all, the optional ones.
    var grantedScopes: [String] {
        scopes + optionalScopes
    }
}
