/// Counters a generic sandbox keeps, as `GET _stats` returns them.
public struct SandboxGenericStats: Codable, Sendable, Equatable {
    /// Token requests per `grant_type` (successful or not; `missing` when none was sent).
    public var tokenRequests: [String: Int]
    /// Requests to the API routes, refused ones included.
    public var apiRequests: Int
    /// Requests to the RFC 7009 revocation endpoint, refused ones included.
    public var revocations: Int = 0
    /// Tokens the revocation endpoint actually forgot.
    public var revokedTokens: Int = 0

    /// Creates a set of counters.
    public init(tokenRequests: [String: Int] = ["authorization_code": 0, "refresh_token": 0], apiRequests: Int = 0) {
        self.tokenRequests = tokenRequests
        self.apiRequests = apiRequests
    }
}
