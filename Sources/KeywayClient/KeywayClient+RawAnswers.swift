import Foundation
import NIOFoundationCompat
import NIOHTTP1

/// A management call whose answer is wanted exactly as Keyway sent it: what the `keyway` CLI prints with
/// `--output json`, byte for byte, and renders as tables. Each call is named after the typed method of
/// ``KeywayClient`` that makes the same request; ``KeywayClient/rawAnswer(_:)`` makes it.
///
/// ```swift
/// let json = try await keyway.rawAnswer(.services)  // the body of GET /v1/services
/// ```
public struct KeywayCall: Sendable {
    let method: HTTPMethod
    /// Below the base URL, its segments escaped.
    let path: String
    /// Unescaped; escaped when sent.
    let query: [(String, String)]
    let body: (any Encodable & Sendable)?

    init(
        _ method: HTTPMethod, _ segments: [String], query: [(String, String)] = [],
        body: (any Encodable & Sendable)? = nil
    ) {
        self.method = method
        self.path = "/v1/" + segments.map(PercentEncoding.escape).joined(separator: "/")
        self.query = query
        self.body = body
    }
}

extension KeywayClient {
    /// Makes `call` and returns its 2xx answer's body untouched (empty for a 204).
    ///
    /// - Throws: ``KeywayClientError``, as the typed methods do.
    public func rawAnswer(_ call: KeywayCall) async throws -> Data {
        Data(buffer: try await send(call.method, call.path, query: call.query, body: call.body))
    }
}

extension KeywayCall {
    // Services

    /// `GET /v1/services`.
    public static var services: KeywayCall { KeywayCall(.GET, ["services"]) }
    /// `GET /v1/services/{service}`.
    public static func service(_ id: String) -> KeywayCall { KeywayCall(.GET, ["services", id]) }
    /// `PUT /v1/services/{service}`: fields the definition leaves nil keep their value.
    public static func setService(_ id: String, _ definition: ServiceDefinition) -> KeywayCall {
        KeywayCall(.PUT, ["services", id], body: definition)
    }
    /// `DELETE /v1/services/{service}[?force=true]`.
    public static func deleteService(_ id: String, force: Bool) -> KeywayCall {
        KeywayCall(.DELETE, ["services", id], query: force ? [("force", "true")] : [])
    }

    // Identities and tokens

    /// `GET /v1/services/{service}/identities?tag=k:v…&limit=&next=`.
    public static func identities(
        for service: String, tags: [String: String], limit: Int? = nil, next: String? = nil
    ) -> KeywayCall {
        let paging = [limit.map { ("limit", String($0)) }, next.map { ("next", $0) }].compactMap { $0 }
        return KeywayCall(.GET, ["services", service, "identities"], query: PercentEncoding.tagFilters(tags) + paging)
    }
    /// `GET /v1/services/{service}/identities/{id}`.
    public static func identity(for service: String, id: String) -> KeywayCall {
        KeywayCall(.GET, ["services", service, "identities", id])
    }
    /// `GET /v1/services/{service}/identities/{id}/token`.
    public static func token(for service: String, id: String) -> KeywayCall {
        KeywayCall(.GET, ["services", service, "identities", id, "token"])
    }
    /// `GET /v1/services/{service}/token?tag=k:v…`.
    public static func token(for service: String, tags: [String: String]) -> KeywayCall {
        KeywayCall(.GET, ["services", service, "token"], query: PercentEncoding.tagFilters(tags))
    }
    /// `POST /v1/services/{service}/identities` with `{"tags", "credentials"}`; `credentials` is any JSON object
    /// the service's auth mode takes.
    public static func createIdentity(
        for service: String, tags: [String: String], credentials: some Encodable & Sendable
    ) -> KeywayCall {
        KeywayCall(.POST, ["services", service, "identities"], body: NewIdentity(tags: tags, credentials: credentials))
    }
    /// `DELETE /v1/services/{service}/identities/{id}[?revoke=false]`.
    public static func deleteIdentity(for service: String, id: String, revoke: Bool) -> KeywayCall {
        KeywayCall(.DELETE, ["services", service, "identities", id], query: revoke ? [] : [("revoke", "false")])
    }
    /// `DELETE /v1/services/{service}/identities?tag=k:v…[&revoke=false]`.
    public static func deleteIdentities(
        for service: String, tags: [String: String], revoke: Bool
    ) -> KeywayCall {
        KeywayCall(
            .DELETE, ["services", service, "identities"],
            query: PercentEncoding.tagFilters(tags) + (revoke ? [] : [("revoke", "false")]))
    }

    // Keys, providers, audit

    /// `GET /v1/keys`.
    public static var keys: KeywayCall { KeywayCall(.GET, ["keys"]) }
    /// `POST /v1/keys`; nil scopes and limits are the calling key's own.
    public static func createKey(
        name: String, scopes: [String]?, services: [String]?, tags: [String: String]?, expiresIn: Double?
    ) -> KeywayCall {
        KeywayCall(
            .POST, ["keys"],
            body: KeywayClient.NewKey(name: name, scopes: scopes, services: services, tags: tags, expiresIn: expiresIn))
    }
    /// `DELETE /v1/keys/{id}`.
    public static func deleteKey(_ id: String) -> KeywayCall { KeywayCall(.DELETE, ["keys", id]) }
    /// `GET /v1/providers[?search=][&authMode=]`.
    public static func providers(search: String? = nil, authMode: String? = nil) -> KeywayCall {
        KeywayCall(
            .GET, ["providers"],
            query: [search.map { ("search", $0) }, authMode.map { ("authMode", $0) }].compactMap { $0 })
    }
    /// `GET /v1/providers/{provider}`.
    public static func provider(_ id: String) -> KeywayCall { KeywayCall(.GET, ["providers", id]) }
    /// `GET /v1/audit` with the given filters (`identityId`, `serviceId`, `apiKeyId`, `since`, `limit`, `cursor`).
    public static func auditLog(_ filters: [(name: String, value: String)]) -> KeywayCall {
        KeywayCall(.GET, ["audit"], query: filters.map { ($0.name, $0.value) })
    }

    // Webhooks

    /// `GET /v1/webhooks`.
    public static var webhooks: KeywayCall { KeywayCall(.GET, ["webhooks"]) }
    /// `POST /v1/webhooks`.
    public static func createWebhook(url: String, events: [String]?, description: String?) -> KeywayCall {
        KeywayCall(
            .POST, ["webhooks"], body: KeywayClient.NewWebhook(url: url, events: events, description: description))
    }
    /// `DELETE /v1/webhooks/{id}`.
    public static func deleteWebhook(_ id: String) -> KeywayCall { KeywayCall(.DELETE, ["webhooks", id]) }
    /// `POST /v1/webhooks/{id}/enable`.
    public static func enableWebhook(_ id: String) -> KeywayCall { KeywayCall(.POST, ["webhooks", id, "enable"]) }
    /// `GET /v1/webhooks/{id}/deliveries`.
    public static func webhookDeliveries(_ id: String) -> KeywayCall {
        KeywayCall(.GET, ["webhooks", id, "deliveries"])
    }
    /// `POST /v1/webhooks/deliveries/{id}/redeliver`.
    public static func redeliverWebhook(delivery id: String) -> KeywayCall {
        KeywayCall(.POST, ["webhooks", "deliveries", id, "redeliver"])
    }
}

/// The body of `POST /v1/services/{service}/identities`.
private struct NewIdentity<Credentials: Encodable & Sendable>: Encodable, Sendable {
    var tags: [String: String]
    var credentials: Credentials
}
