/// How a generic sandbox treats refresh tokens.
public enum SandboxRefreshTokenMode: Sendable, Equatable {
    /// No refresh tokens are issued and the refresh grant is refused.
    case none
    /// The first refresh token stays valid; refresh answers carry none (as Google and Salesforce answer).
    case reuse
    /// Every refresh answer carries a new refresh token and the used one stops working.
    case rotate
}
