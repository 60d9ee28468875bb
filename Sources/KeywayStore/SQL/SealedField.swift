/// A sealed column: the table and column named in a sealed blob's associated data.
struct SealedField: Sendable, Hashable {
    /// The table.
    var table: String
    /// The column, without the `_sealed` suffix of its SQL name.
    var column: String

    /// A service's OAuth client secret; the row is the service id.
    static let clientSecret = SealedField(table: "services", column: "client_secret")
    /// A session's OAuth state; the row is the session id.
    static let sessionState = SealedField(table: "sessions", column: "state")
    /// A session's PKCE verifier; the row is the session id.
    static let codeVerifier = SealedField(table: "sessions", column: "code_verifier")
    /// An identity's JSON-encoded credentials; the row is the identity id.
    static let credentials = SealedField(table: "identities", column: "credentials")
    /// A webhook endpoint's signing secret; the row is the endpoint id.
    static let webhookSecret = SealedField(table: "webhook_endpoints", column: "secret")
    /// The key check value; the row is its name in `meta`.
    static let keyCheck = SealedField(table: "meta", column: "value")
}
