import Foundation

/// One line of the audit log: who (the API key) did what (the action) to which identity or service, when,
/// and how it ended. It never holds a token, a secret, a tag value or a query string.
public struct AuditEntry: Sendable, Equatable {
    /// The entry's own id.
    public var id: String
    /// When the request was answered.
    public var time: Date
    /// What was done: one of ``AuditAction``'s raw values.
    public var action: String
    /// The id of the API key that made the request.
    public var apiKeyId: String?
    /// The service the request named.
    public var serviceId: String?
    /// The identity the request named or resolved to.
    public var identityId: String?
    /// The object of a key action (the deleted key's id).
    public var target: String?
    /// For proxy calls: the HTTP method.
    public var method: String?
    /// For proxy calls: the upstream path reduced to its first segment (`/crm/…`), never ids or a query.
    public var path: String?
    /// The status Keyway answered with.
    public var status: Int
    /// For proxy calls that reached the provider: the provider's status.
    public var upstreamStatus: Int?

    /// Creates an entry.
    public init(
        id: String = SecureRandom.identifier(prefix: "aud"), time: Date, action: AuditAction, apiKeyId: String?,
        serviceId: String? = nil, identityId: String? = nil, target: String? = nil, method: String? = nil,
        path: String? = nil, status: Int, upstreamStatus: Int? = nil
    ) {
        self.init(
            id: id, time: time, action: action.rawValue, apiKeyId: apiKeyId, serviceId: serviceId,
            identityId: identityId, target: target, method: method, path: path, status: status,
            upstreamStatus: upstreamStatus)
    }

    /// Creates an entry with an action read back from storage.
    public init(
        id: String, time: Date, action: String, apiKeyId: String?, serviceId: String?, identityId: String?,
        target: String?, method: String?, path: String?, status: Int, upstreamStatus: Int?
    ) {
        self.id = id
        self.time = time
        self.action = action
        self.apiKeyId = apiKeyId
        self.serviceId = serviceId
        self.identityId = identityId
        self.target = target
        self.method = method
        self.path = path
        self.status = status
        self.upstreamStatus = upstreamStatus
    }

    /// `success` for a 1xx–3xx answer, `failure` otherwise.
    public var outcome: String { status < 400 ? "success" : "failure" }
}

/// What an audited request did.
public enum AuditAction: String, Sendable, CaseIterable {
    case tokenRead = "token.read"
    case proxyCall = "proxy.call"
    case identityDelete = "identity.delete"
    case identitiesDelete = "identities.delete"
    case serviceSave = "service.save"
    case serviceDelete = "service.delete"
    case keyCreate = "key.create"
    case keyDelete = "key.delete"
}
