/// How a connection ended, as Keyway tells the app's finished URL: on success `identityId`, `serviceId`,
/// `tenantId` and `userId`; on failure `error` (a stable code such as `access_denied`) and `errorDescription`.
///
/// The values come from the browser's query string: show them escaped, and treat them as claims, not proof
/// (look the identity up with ``KeywayClient/identity(for:id:)`` before trusting it).
public struct ConnectionResult: Sendable, Hashable {
    /// The connected identity, on success.
    public var identityId: String?
    /// The service connected.
    public var serviceId: String?
    /// The identity's `tenantId` tag, when it has one.
    public var tenantId: String?
    /// The identity's `userId` tag, when it has one.
    public var userId: String?
    /// The failure's stable code, such as `access_denied` or `session_expired`; nil on success.
    public var error: String?
    /// A human explanation of the failure.
    public var errorDescription: String?

    /// Whether the connection succeeded: there is an identity and no error.
    public var succeeded: Bool { error == nil && identityId != nil }

    /// Reads the result from query parameters (the first value of each name counts).
    public init(query: [(name: String, value: String)]) {
        func first(_ name: String) -> String? { query.first { $0.name == name }?.value }
        identityId = first("identityId")
        serviceId = first("serviceId")
        tenantId = first("tenantId")
        userId = first("userId")
        error = first("error")
        errorDescription = first("errorDescription")
    }

    /// Reads the result from the finished URL the browser landed on.
    public init(url: String) {
        var query = url[...]
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        guard let mark = query.firstIndex(of: "?") else {
            self.init(query: [])
            return
        }
        self.init(query: PercentEncoding.decodeQuery(query[query.index(after: mark)...]))
    }
}
