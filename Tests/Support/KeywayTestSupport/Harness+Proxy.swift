import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

extension Harness {
    /// Configures a `custom` service named `id` whose OAuth endpoints are the sandbox HubSpot's and whose
    /// API base URL is `apiBaseUrl`, so that an identity connected through the sandbox calls another server.
    public func addService(_ id: String, apiBaseUrl: String) async throws {
        let body = """
            {"provider":"custom","clientId":"\(sandbox.options.clientId)","clientSecret":"\(sandbox.options.clientSecret)",
             "scopes":["oauth"],"authorizationUrl":"\(sandboxURL)/oauth/authorize",
             "tokenUrl":"\(sandboxURL)/oauth/2026-03/token","apiBaseUrl":"\(apiBaseUrl)","pkce":false}
            """
        let answer = try await http.put("\(api)/services/\(id)", json: body)
        #expect(answer.status == 200, "\(answer.body)")
    }

    /// Sends a request with its target exactly as written (no URL parsing or normalisation on the way),
    /// as an attacker's client could.
    public func raw(
        _ method: HTTPRequest.Method, _ target: String, headers: HTTPFields = [:], body: ByteBuffer? = nil
    ) async throws -> TestClient.Response {
        let port = Int(URLComponents(string: base)?.port ?? 0)
        return try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.execute(TestClient.Request(target, method: method, headers: headers, body: body))
        }
    }
}
