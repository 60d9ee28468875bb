import Foundation
import KeywayAPI

/// A management call whose answer is wanted exactly as Keyway sent it: what the `keyway` CLI prints with
/// `--output json`, byte for byte, and renders as tables. Each call is named after the typed method of
/// ``KeywayClient`` that makes the same request, and makes it through the same generated operation;
/// ``KeywayClient/rawAnswer(_:)`` runs it.
///
/// ```swift
/// let json = try await keyway.rawAnswer(.services)  // the body of GET /v1/services
/// ```
public struct KeywayCall: Sendable {
    /// One generated operation; throws for an answer that is not its success.
    let perform: @Sendable (Client) async throws -> Void

    init(_ perform: @escaping @Sendable (Client) async throws -> Void) {
        self.perform = perform
    }
}

extension KeywayClient {
    /// Makes `call` and returns its 2xx answer's body untouched (empty for a 204).
    ///
    /// - Throws: ``KeywayClientError``, as the typed methods do.
    public func rawAnswer(_ call: KeywayCall) async throws -> Data {
        try await answerBody(call.perform)
    }
}

extension KeywayCall {
    // Services

    /// `GET /v1/services`.
    public static var services: KeywayCall { KeywayCall { _ = try await $0.listServices().ok } }
    /// `GET /v1/services/{service}`.
    public static func service(_ id: String) -> KeywayCall {
        KeywayCall { _ = try await $0.getService(path: .init(service: id)).ok }
    }
    /// `PUT /v1/services/{service}`: fields the definition leaves nil keep their value.
    public static func setService(_ id: String, _ definition: ServiceDefinition) -> KeywayCall {
        KeywayCall { api in
            let body = try definition.wire()
            _ = try await api.putService(path: .init(service: id), body: .json(body)).ok
        }
    }
    /// `DELETE /v1/services/{service}[?force=true]`.
    public static func deleteService(_ id: String, force: Bool) -> KeywayCall {
        KeywayCall { _ = try await $0.deleteService(path: .init(service: id), query: .init(force: force ? "true" : nil)).noContent }
    }

    // Identities and tokens

    /// `GET /v1/services/{service}/identities?tag=k:v…&limit=&next=`.
    public static func identities(
        for service: String, tags: [String: String], limit: Int? = nil, next: String? = nil
    ) -> KeywayCall {
        KeywayCall {
            _ = try await $0.listIdentities(
                path: .init(service: service),
                query: .init(tag: KeywayClient.tagFilters(tags), limit: limit, next: next)
            ).ok
        }
    }
    /// `GET /v1/services/{service}/identities/{id}`.
    public static func identity(for service: String, id: String) -> KeywayCall {
        KeywayCall { _ = try await $0.getIdentity(path: .init(service: service, identity: id)).ok }
    }
    /// `GET /v1/services/{service}/identities/{id}/token`.
    public static func token(for service: String, id: String) -> KeywayCall {
        KeywayCall { _ = try await $0.getToken(path: .init(service: service, identity: id)).ok }
    }
    /// `GET /v1/services/{service}/token?tag=k:v…`.
    public static func token(for service: String, tags: [String: String]) -> KeywayCall {
        KeywayCall {
            _ = try await $0.getTokenByTags(path: .init(service: service), query: .init(tag: KeywayClient.tagFilters(tags))).ok
        }
    }
    /// `POST /v1/services/{service}/identities` with `{"tags", "credentials"}`; `credentials` is a JSON object
    /// of the contract's `NewIdentityCredentials` (refused with `invalid_credentials`, nothing sent, when it is not).
    public static func createIdentity(
        for service: String, tags: [String: String], credentials: some Encodable & Sendable
    ) -> KeywayCall {
        KeywayCall { api in
            let wire: Components.Schemas.NewIdentityCredentials
            do {
                wire = try JSONDecoder().decode(
                    Components.Schemas.NewIdentityCredentials.self, from: JSONEncoder().encode(credentials))
            } catch {
                throw KeywayClientError(
                    kind: .invalidArgument, code: "invalid_credentials",
                    message: "The credentials are not an object of the contract's NewIdentityCredentials.")
            }
            _ = try await api.createIdentity(
                path: .init(service: service),
                body: .json(.init(tags: .init(additionalProperties: tags), credentials: wire))
            ).created
        }
    }
    /// `DELETE /v1/services/{service}/identities/{id}[?revoke=false]`.
    public static func deleteIdentity(for service: String, id: String, revoke: Bool) -> KeywayCall {
        KeywayCall {
            _ = try await $0.deleteIdentity(
                path: .init(service: service, identity: id), query: .init(revoke: revoke ? nil : "false")
            ).noContent
        }
    }
    /// `DELETE /v1/services/{service}/identities?tag=k:v…[&revoke=false]`.
    public static func deleteIdentities(
        for service: String, tags: [String: String], revoke: Bool
    ) -> KeywayCall {
        KeywayCall {
            _ = try await $0.deleteIdentitiesByTags(
                path: .init(service: service),
                query: .init(tag: KeywayClient.tagFilters(tags), revoke: revoke ? nil : "false")
            ).ok
        }
    }

    // Keys, providers, audit

    /// `GET /v1/keys`.
    public static var keys: KeywayCall { KeywayCall { _ = try await $0.listKeys().ok } }
    /// `POST /v1/keys`; nil scopes and limits are the calling key's own.
    public static func createKey(
        name: String, scopes: [String]?, services: [String]?, tags: [String: String]?, expiresIn: Double?
    ) -> KeywayCall {
        KeywayCall { api in
            let body = Components.Schemas.NewAPIKey(
                name: name,
                scopes: try scopes.map { try KeywayClient.contractValues($0, code: "invalid_scope", of: "scope") },
                services: services, tags: tags.map { .init(additionalProperties: $0) }, expiresIn: expiresIn)
            _ = try await api.createKey(body: .json(body)).created
        }
    }
    /// `DELETE /v1/keys/{id}`.
    public static func deleteKey(_ id: String) -> KeywayCall {
        KeywayCall { _ = try await $0.deleteKey(path: .init(key: id)).noContent }
    }
    /// `GET /v1/providers[?search=][&authMode=]`.
    public static func providers(search: String? = nil, authMode: String? = nil) -> KeywayCall {
        KeywayCall { api in
            let mode: Components.Schemas.AuthMode? =
                try authMode.map { try KeywayClient.contractValues([$0], code: "invalid_auth_mode", of: "auth mode")[0] }
            _ = try await api.listProviders(query: .init(search: search, authMode: mode)).ok
        }
    }
    /// `GET /v1/providers/{provider}`.
    public static func provider(_ id: String) -> KeywayCall {
        KeywayCall { _ = try await $0.getProvider(path: .init(provider: id)).ok }
    }
    /// `GET /v1/audit`, filtered as ``KeywayClient/auditLog(identityId:serviceId:apiKeyId:since:limit:cursor:)``.
    public static func auditLog(
        identityId: String? = nil, serviceId: String? = nil, apiKeyId: String? = nil, since: Date? = nil,
        limit: Int? = nil, cursor: String? = nil
    ) -> KeywayCall {
        KeywayCall {
            _ = try await $0.listAuditEntries(
                query: .init(
                    identityId: identityId, serviceId: serviceId, apiKeyId: apiKeyId, since: since, limit: limit,
                    cursor: cursor)
            ).ok
        }
    }

    // Webhooks

    /// `GET /v1/webhooks`.
    public static var webhooks: KeywayCall { KeywayCall { _ = try await $0.listWebhooks().ok } }
    /// `POST /v1/webhooks`.
    public static func createWebhook(url: String, events: [String]?, description: String?) -> KeywayCall {
        KeywayCall { api in
            let body = Components.Schemas.NewWebhook(
                url: url,
                events: try events.map { try KeywayClient.contractValues($0, code: "invalid_events", of: "event") },
                description: description)
            _ = try await api.createWebhook(body: .json(body)).created
        }
    }
    /// `DELETE /v1/webhooks/{id}`.
    public static func deleteWebhook(_ id: String) -> KeywayCall {
        KeywayCall { _ = try await $0.deleteWebhook(path: .init(webhook: id)).noContent }
    }
    /// `POST /v1/webhooks/{id}/enable`.
    public static func enableWebhook(_ id: String) -> KeywayCall {
        KeywayCall { _ = try await $0.enableWebhook(path: .init(webhook: id)).ok }
    }
    /// `GET /v1/webhooks/{id}/deliveries`.
    public static func webhookDeliveries(_ id: String) -> KeywayCall {
        KeywayCall { _ = try await $0.listWebhookDeliveries(path: .init(webhook: id)).ok }
    }
    /// `POST /v1/webhooks/deliveries/{id}/redeliver`.
    public static func redeliverWebhook(delivery id: String) -> KeywayCall {
        KeywayCall { _ = try await $0.redeliverWebhook(path: .init(delivery: id)).accepted }
    }
}
