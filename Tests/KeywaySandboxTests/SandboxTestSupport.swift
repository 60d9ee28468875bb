import Foundation
import Hummingbird
import HummingbirdTesting
import KeywaySandbox
import Logging
import Testing

/// The sandbox's client credentials in every test.
let clientId = "sandbox-client-id"
let clientSecret = "sandbox-client-secret"
let callback = "http://127.0.0.1:8765/v1/oauth/callback"
let contactScopes = "oauth crm.objects.contacts.read crm.objects.contacts.write"

/// Runs `body` against a live sandbox on an ephemeral loopback port.
func withSandbox(
    _ options: SandboxOptions = .init(),
    _ body: @escaping @Sendable (SandboxClient, SandboxHubSpot) async throws -> Void
) async throws {
    let sandbox = SandboxHubSpot(options: options)
    var logger = Logger(label: "sandbox-test")
    logger.logLevel = .warning
    let app = sandbox.application(
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        logger: logger
    )
    try await app.test(.live) { client in
        try await body(SandboxClient(client: client), sandbox)
    }
}

/// A thin HTTP client over HummingbirdTesting's live client. It never follows redirects.
struct SandboxClient: Sendable {
    let client: any TestClientProtocol
    /// Prefix for every path, when the sandbox is mounted under a group.
    var base = ""

    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.executeRequest(uri: base + uri, method: .get, headers: headers, body: nil)
    }

    func delete(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.executeRequest(uri: base + uri, method: .delete, headers: headers, body: nil)
    }

    func postForm(_ uri: String, _ pairs: [(String, String)], headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        let body = pairs.map { "\(formEscape($0.0))=\(formEscape($0.1))" }.joined(separator: "&")
        return try await client.executeRequest(
            uri: base + uri,
            method: .post,
            headers: fields,
            body: ByteBuffer(string: body)
        )
    }

    func postJSON(_ uri: String, _ json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/json"
        return try await client.executeRequest(
            uri: base + uri,
            method: .post,
            headers: fields,
            body: ByteBuffer(string: json)
        )
    }

    /// Runs the consent flow with `decision=allow` and returns the code from the redirect.
    func authorize(
        scope: String = contactScopes,
        redirectURI: String = callback,
        state: String = "state-123",
        extra: [(String, String)] = []
    ) async throws -> String {
        let pairs =
            [("client_id", clientId), ("redirect_uri", redirectURI), ("scope", scope), ("state", state)] + extra
        let page = try await get("/oauth/authorize?" + query(pairs))
        #expect(page.status == .ok)
        let redirect = try await postForm("/oauth/authorize", pairs + [("decision", "allow")])
        #expect(redirect.status == .found)
        let items = try queryItems(of: redirect)
        #expect(items["state"] == state)
        return try #require(items["code"])
    }

    /// Exchanges a code at a token endpoint with the client credentials in the body (or as HTTP Basic).
    func exchange(
        code: String,
        redirectURI: String = callback,
        endpoint: String = "/oauth/v1/token",
        verifier: String? = nil,
        basic: Bool = false
    ) async throws -> TestResponse {
        var pairs = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)]
        var headers = HTTPFields()
        if basic {
            headers[.authorization] = "Basic " + Data("\(clientId):\(clientSecret)".utf8).base64EncodedString()
        } else {
            pairs += [("client_id", clientId), ("client_secret", clientSecret)]
        }
        if let verifier { pairs.append(("code_verifier", verifier)) }
        return try await postForm(endpoint, pairs, headers: headers)
    }

    /// Uses a refresh token at a token endpoint.
    func refresh(_ token: String, endpoint: String = "/oauth/v1/token") async throws -> TestResponse {
        try await postForm(
            endpoint,
            [
                ("grant_type", "refresh_token"), ("refresh_token", token), ("client_id", clientId),
                ("client_secret", clientSecret),
            ]
        )
    }

    /// Authorizes and exchanges; returns the token response body.
    func connect() async throws -> [String: Any] {
        let response = try await exchange(code: try await authorize())
        #expect(response.status == .ok)
        return try json(response)
    }
}

func bearer(_ token: String) -> HTTPFields {
    var headers = HTTPFields()
    headers[.authorization] = "Bearer \(token)"
    return headers
}

func formEscape(_ text: String) -> String {
    let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

func query(_ pairs: [(String, String)]) -> String {
    pairs.map { "\(formEscape($0.0))=\(formEscape($0.1))" }.joined(separator: "&")
}

func text(_ response: TestResponse) -> String {
    String(buffer: response.body)
}

func json(_ response: TestResponse) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(text(response).utf8))
    return try #require(object as? [String: Any], "not a JSON object: \(text(response))")
}

/// The query items of a redirect's `Location`.
func queryItems(of response: TestResponse) throws -> [String: String] {
    let location = try #require(response.headers[.location])
    let items = try #require(URLComponents(string: location)).queryItems ?? []
    return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
}

func header(_ name: String, _ response: TestResponse) -> String? {
    HTTPFields.Element.Name(name).flatMap { response.headers[$0] }
}
