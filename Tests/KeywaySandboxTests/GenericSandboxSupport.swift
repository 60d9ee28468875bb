import Foundation
import Hummingbird
import HummingbirdTesting
import KeywaySandbox
import Logging
import Testing

/// Runs `body` against a live generic sandbox at the root of an ephemeral loopback port.
func withGeneric(
    _ options: SandboxGenericOptions = .init(),
    _ body: @escaping @Sendable (GenericClient, SandboxGeneric) async throws -> Void
) async throws {
    let sandbox = SandboxGeneric(options: options)
    var logger = Logger(label: "generic-sandbox-test")
    logger.logLevel = .warning
    let app = sandbox.application(configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
    try await app.test(.live) { client in
        try await body(GenericClient(http: SandboxClient(client: client), options: options), sandbox)
    }
}

/// Drives a generic sandbox as a client app would.
struct GenericClient: Sendable {
    let http: SandboxClient
    let options: SandboxGenericOptions

    /// The authorization request's fields: scopes in `scope`, or in the nested placement's parameter.
    func authorizationFields(scope: String, state: String = "st-1", extra: [(String, String)] = []) -> [(String, String)] {
        var scopeParameter = "scope"
        if case .nested(_, let parameter) = options.tokenPlacement { scopeParameter = parameter }
        return [
            ("response_type", "code"), ("client_id", options.clientId), ("redirect_uri", callback),
            (scopeParameter, scope), ("state", state),
        ] + extra
    }

    /// Posts the consent decision and returns the redirect.
    func decide(scope: String, decision: String = "allow", extra: [(String, String)] = []) async throws -> TestResponse {
        try await http.postForm("/oauth/authorize", authorizationFields(scope: scope, extra: extra) + [("decision", decision)])
    }

    /// Authorizes and returns the callback's query.
    func authorize(scope: String = "read", extra: [(String, String)] = []) async throws -> [String: String] {
        let page = try await http.get("/oauth/authorize?" + query(authorizationFields(scope: scope, extra: extra)))
        #expect(page.status == .ok, "\(text(page))")
        let redirect = try await decide(scope: scope, extra: extra)
        #expect(redirect.status == .found)
        return try queryItems(of: redirect)
    }

    /// A token request with the client credentials as the options want them (or as `basic` says).
    func tokenRequest(_ pairs: [(String, String)], basic: Bool? = nil) async throws -> TestResponse {
        let useBasic = basic ?? (options.clientAuthentication == .basic)
        var headers = HTTPFields()
        var body = pairs
        if useBasic {
            headers[.authorization] =
                "Basic " + Data("\(options.clientId):\(options.clientSecret)".utf8).base64EncodedString()
        } else {
            body += [("client_id", options.clientId), ("client_secret", options.clientSecret)]
        }
        return try await http.postForm("/oauth/token", body, headers: headers)
    }

    /// Exchanges a code.
    func exchange(_ code: String, basic: Bool? = nil, verifier: String? = nil) async throws -> TestResponse {
        var pairs = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", callback)]
        if let verifier { pairs.append(("code_verifier", verifier)) }
        return try await tokenRequest(pairs, basic: basic)
    }

    /// Uses a refresh token.
    func refresh(_ token: String) async throws -> TestResponse {
        try await tokenRequest([("grant_type", "refresh_token"), ("refresh_token", token)])
    }

    /// Authorizes and exchanges; returns the token answer.
    func connect(scope: String = "read") async throws -> [String: Any] {
        let code = try #require(try await authorize(scope: scope)["code"])
        let response = try await exchange(code)
        #expect(response.status == .ok, "\(text(response))")
        return try json(response)
    }

    /// `GET api/me` with the given header.
    func me(_ header: String, _ value: String, path: String = "/api/me") async throws -> TestResponse {
        var headers = HTTPFields()
        headers[try #require(HTTPFields.Element.Name(header))] = value
        return try await http.get(path, headers: headers)
    }
}
