import Foundation
import KeywayAPI

extension KeywayClient {
    /// One entry of the audit log: who (which API key) did what, to which identity or service, and how it ended.
    /// It never carries a token, a secret or a tag value.
    public struct AuditEntry: Sendable, Hashable {
        public var id: String
        public var time: Date
        /// `token.read`, `proxy.call`, `identity.delete`, `identities.delete`, `service.save`, `service.delete`,
        /// `key.create` or `key.delete`.
        public var action: String
        /// `success` or `failure`.
        public var outcome: String
        /// Keyway's HTTP status for the call.
        public var status: Int
        public var apiKeyId: String?
        /// The scopes of that key, while it exists.
        public var apiKeyScopes: [String]?
        public var serviceId: String?
        public var identityId: String?
        /// The key a `key.create` or `key.delete` acted on.
        public var target: String?
        public var method: String?
        /// A proxied call's path, cut to its first segment (`/crm/…`).
        public var path: String?
        public var upstreamStatus: Int?

        /// The entry the contract's answer describes.
        init(_ wire: Components.Schemas.AuditEntry) {
            id = wire.id
            time = wire.time
            action = wire.action
            outcome = wire.outcome.rawValue
            status = wire.status
            apiKeyId = wire.apiKeyId
            apiKeyScopes = wire.apiKeyScopes
            serviceId = wire.serviceId
            identityId = wire.identityId
            target = wire.target
            method = wire.method
            path = wire.path
            upstreamStatus = wire.upstreamStatus
        }
    }

    /// A page of the audit log, newest first; pass `next` back as `cursor` for the older page.
    public struct AuditPage: Sendable, Hashable {
        public var items: [AuditEntry]
        public var next: String?

        /// The page the contract's answer describes.
        init(_ wire: Components.Schemas.AuditPage) {
            items = wire.items.map(AuditEntry.init)
            next = wire.next
        }
    }

    /// The audit log, newest first, filtered by identity, service, key and time. Needs an `admin` key.
    ///
    /// ```swift
    /// let reads = try await keyway.auditLog(identityId: id).items.filter { $0.action == "token.read" }
    /// ```
    public func auditLog(
        identityId: String? = nil, serviceId: String? = nil, apiKeyId: String? = nil, since: Date? = nil,
        limit: Int? = nil, cursor: String? = nil
    ) async throws -> AuditPage {
        try await run { api in
            AuditPage(
                try await api.listAuditEntries(
                    query: .init(
                        identityId: identityId, serviceId: serviceId, apiKeyId: apiKeyId, since: since, limit: limit,
                        cursor: cursor)
                ).ok.body.json)
        }
    }
}
