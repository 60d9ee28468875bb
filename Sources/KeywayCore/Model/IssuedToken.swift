import Foundation

/// A fresh access token handed to the app, with the provider's own fields (never the refresh token).
public struct IssuedToken: Sendable, Hashable {
    /// The identity it belongs to, as stored after any refresh.
    public var identity: Identity
    /// The access token.
    public var accessToken: String { identity.credentials.accessToken }
    /// When it expires, if it does.
    public var expiresAt: Date? { identity.credentials.expiresAt }
    /// The provider's token response without any refresh token, at any depth (``NativeFields``); scrubbed again
    /// here so that an identity stored before that rule does not hand one out either.
    public var native: [String: JSONValue] {
        NativeFields.withoutRefreshTokens(identity.credentials.native, refreshTokens: [identity.credentials.refreshToken])
    }

    /// The identity's auth mode.
    public var authMode: AuthMode { identity.credentials.effectiveAuthMode }
    /// Where the credential goes on an API call, as the catalog entry says (nil when not known).
    public var placement: CredentialPlacement?

    /// Creates a value.
    public init(identity: Identity, placement: CredentialPlacement? = nil) {
        self.identity = identity
        self.placement = placement
    }
}
