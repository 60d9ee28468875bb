import Foundation

/// Which audit entries to list: filters, a lower time bound, a page size and the cursor of the page before.
public struct AuditQuery: Sendable, Equatable {
    /// The largest page.
    public static let maximumLimit = 500

    public var identityId: String?
    public var serviceId: String?
    public var apiKeyId: String?
    /// Only entries at or after this time.
    public var since: Date?
    /// Entries per page, 1 to ``maximumLimit``.
    public var limit: Int
    /// The `next` cursor of the page before, if any.
    public var cursor: String?

    /// Creates a query.
    public init(
        identityId: String? = nil, serviceId: String? = nil, apiKeyId: String? = nil, since: Date? = nil,
        limit: Int = 100, cursor: String? = nil
    ) {
        self.identityId = identityId
        self.serviceId = serviceId
        self.apiKeyId = apiKeyId
        self.since = since
        self.limit = limit
        self.cursor = cursor
    }
}

/// One page of audit entries, newest first, with the cursor of the next (older) page.
public struct AuditPage: Sendable, Equatable {
    public var items: [AuditEntry]
    public var next: String?

    public init(items: [AuditEntry], next: String?) {
        self.items = items
        self.next = next
    }
}

/// Where audit entries are kept.
public protocol AuditStore: Sendable {
    /// Appends entries in one transaction.
    func appendAudit(_ entries: [AuditEntry]) async throws
    /// A page of entries, newest first.
    ///
    /// - Throws: ``KeywayError`` `invalid_limit` or `invalid_cursor` (400).
    func auditEntries(_ query: AuditQuery) async throws -> AuditPage
    /// Deletes entries older than a time; returns how many.
    func pruneAudit(before date: Date) async throws -> Int
}
