import Foundation
import KeywayCore
import KeywaySandbox
import Testing

extension Harness {
    /// Creates or updates service `id` over HTTP: catalog provider `provider` (its quirks: paths, metadata,
    /// separator, client authentication, lifetime) with its URLs pointed at the generic sandbox mounted under
    /// `name`, as `keyway serve --sandbox` points `hubspot` at the sandbox HubSpot.
    ///
    /// - Parameters:
    ///   - root: the sandbox root to use in the URLs; it may hold `{placeholders}` (default: the mount's URL).
    ///   - apiPath: appended to `root` to make the service's API base URL (it may hold placeholders too).
    ///   - extra: further service fields, such as `tokenAuthMethod`.
    public func pointService(
        _ id: String, provider: String, at name: String, scopes: [String] = [],
        authorizationParams: [String: String] = [:], root: String? = nil, apiPath: String = "",
        extra: [String: Any] = [:]
    ) async throws {
        let sandbox = try #require(generic[name], "no generic sandbox mounted as \(name)")
        let root = root ?? genericURL(name)
        var body: [String: Any] = [
            "provider": provider, "clientId": sandbox.options.clientId, "clientSecret": sandbox.options.clientSecret,
            "scopes": scopes, "authorizationParams": authorizationParams,
            "authorizationUrl": root + "/oauth/authorize", "tokenUrl": root + "/oauth/token",
            "apiBaseUrl": root + apiPath,
        ]
        body.merge(extra) { _, new in new }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body, options: .sortedKeys), as: UTF8.self)
        let answer = try await http.put("\(api)/services/\(id)", json: json)
        #expect(answer.status == 200 || answer.status == 201, "\(answer.body)")
    }

    /// Connects one identity of `service` through its consent page and returns its id.
    public func connect(
        service: String, tags: [String: String] = ["tenantId": "contoso", "userId": "u1"],
        params: [String: String] = [:]
    ) async throws -> String {
        let finished = try await walk(try await createSession(service: service, tags: tags, params: params))
        let query = queryItems(finished)
        return try #require(query["identityId"], "finished with \(query)")
    }

    /// `GET /v1/services/{service}/identities/{id}/token`, expecting 200; returns the body.
    public func token(service: String, identity: String) async throws -> [String: Any] {
        let answer = try await http.get("\(api)/services/\(service)/identities/\(identity)/token")
        #expect(answer.status == 200, "\(answer.body)")
        return answer.json
    }

    /// The identity's metadata as the contract shows it.
    public func metadata(service: String, identity: String) async throws -> [String: String] {
        let answer = try await http.get("\(api)/services/\(service)/identities/\(identity)")
        #expect(answer.status == 200, "\(answer.body)")
        return answer.json["metadata"] as? [String: String] ?? [:]
    }

    /// The catalog entry as `GET /v1/providers/{id}` shows it.
    public func providerJSON(_ id: String) async throws -> [String: Any] {
        let answer = try await http.get("\(api)/providers/\(id)")
        #expect(answer.status == 200, "\(answer.body)")
        return answer.json
    }

    /// Calls `url` presenting `token` the way catalog entry `provider` says its API wants it
    /// (`tokenPresentation` from `GET /v1/providers/{id}`), as a proxy would.
    public func callAPI(_ url: String, token: String, asProvider provider: String) async throws -> HTTPAnswer {
        let presentation = try #require(try await providerJSON(provider)["tokenPresentation"] as? [String: String])
        let header = try #require(presentation["header"])
        return try await http.get(url, headers: [(header, (presentation["prefix"] ?? "") + token)], authorized: false)
    }

    /// Fills an API base URL template with an identity's metadata, as a proxy resolves it.
    public static func resolve(_ template: String, metadata: [String: String]) throws -> String {
        try URLTemplate.fill(template, with: metadata)
    }
}

extension Harness {
    /// Creates service `id` over HTTP for catalog provider `provider` as the catalog describes it (no URL
    /// overrides), with client id `<provider>-client-id`.
    public func configureCatalogService(_ id: String, provider: String, scopes: [String] = []) async throws {
        let body: [String: Any] = [
            "provider": provider, "clientId": "\(provider)-client-id", "clientSecret": "\(provider)-client-secret",
            "scopes": scopes,
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body, options: .sortedKeys), as: UTF8.self)
        let answer = try await http.put("\(api)/services/\(id)", json: json)
        #expect(answer.status == 200 || answer.status == 201, "\(answer.body)")
    }
}
