/// The header a generic sandbox's API reads the token from, and what precedes the token in it.
public struct SandboxTokenPresentation: Sendable, Equatable {
    /// The header name, such as `Authorization` or `X-Shopify-Access-Token`.
    public var header: String
    /// What precedes the token, such as `Bearer ` (compared without regard to case), or nothing.
    public var prefix: String

    /// `Authorization: Bearer <token>`.
    public static let bearer = SandboxTokenPresentation(header: "Authorization", prefix: "Bearer ")

    /// Creates a presentation.
    public init(header: String, prefix: String) {
        self.header = header
        self.prefix = prefix
    }
}
