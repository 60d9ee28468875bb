import Foundation

/// One pending authorization: single use, short-lived.
public struct AuthorizationSession: Sendable, Hashable {
    /// Its id, which appears in the connect URL.
    public var id: String
    /// The service being connected.
    public var serviceId: String
    /// The tags the resulting identity will carry.
    public var tags: Tags
    /// Where the browser goes when the flow ends.
    public var finishedUrl: String
    /// Values for the provider's URL placeholders.
    public var params: [String: String]
    /// The OAuth `state`: at least 256 random bits. Stored hashed for lookup and sealed for the connect step.
    public var state: String
    /// The PKCE verifier, when the provider takes PKCE; sealed at rest.
    public var codeVerifier: String?
    /// When it was created.
    public var createdAt: Date
    /// When it stops being usable.
    public var expiresAt: Date
    /// The SHA-256 (hex) of the browser binding token of the browser that opened the connect link first;
    /// nil until one has. Only that browser may finish the flow (see ``BrowserBinding``).
    public var browserHash: String?

    /// Creates a session.
    public init(
        id: String, serviceId: String, tags: Tags, finishedUrl: String, params: [String: String], state: String,
        codeVerifier: String?, createdAt: Date, expiresAt: Date, browserHash: String? = nil
    ) {
        self.id = id
        self.serviceId = serviceId
        self.tags = tags
        self.finishedUrl = finishedUrl
        self.params = params
        self.state = state
        self.codeVerifier = codeVerifier
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.browserHash = browserHash
    }
}
