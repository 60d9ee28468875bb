import Foundation

extension KeywayClient {
    /// One entry of the audit log: who (which API key) did what, to which identity or service, and how it ended.
    /// It never carries a token, a secret or a tag value.
    public struct AuditEntry: Decodable, Sendable, Hashable {
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
    }

    /// A page of the audit log, newest first; pass `next` back as `cursor` for the older page.
    public struct AuditPage: Decodable, Sendable, Hashable {
        public var items: [AuditEntry]
        public var next: String?
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
        let query: [(String, String)] = [
            ("identityId", identityId), ("serviceId", serviceId), ("apiKeyId", apiKeyId),
            ("since", since.map { $0.formatted(.iso8601) }), ("limit", limit.map(String.init)), ("cursor", cursor),
        ].compactMap { name, value in value.map { (name, $0) } }
        return try await call(.GET, "/v1/audit", query: query, as: AuditPage.self)
    }
}
