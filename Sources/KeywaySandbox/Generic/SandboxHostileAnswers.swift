/// Token answers a hostile or broken provider sends, for tests of Keyway's trust boundary. Each option is off
/// (nil or empty) by default; the generic sandbox applies the ones set to every successful token answer.
///
/// Set them with the options, or change them while the sandbox runs with
/// ``SandboxGeneric/setHostileAnswers(_:)`` (say, a sane code exchange and then a hostile refresh).
public struct SandboxHostileAnswers: Sendable, Equatable {
    /// `expires_in` of the code exchange's answer as raw JSON text, replacing the usual one at the top level:
    /// `1e300`, `"1e300"`, `-5`, `"abc"`, `true`, `[]`, `{}`.
    public var exchangeExpiresIn: String?
    /// The same for refresh answers.
    public var refreshExpiresIn: String?
    /// Top-level string fields set in every successful answer, over what the options put there: a foreign URL in
    /// `instance_url`, a foreign host in `api_domain`.
    public var fields: [String: String]
    /// Dotted paths (`profile.tokens.refresh_token`) under which every answer that issues a refresh token also
    /// carries a copy of it, in nested objects created as needed.
    public var refreshTokenCopies: [String]
    /// A body sent (200, `application/json`) instead of any successful answer: text that is not valid JSON, say.
    public var body: String?

    /// Creates options; every one is off unless given.
    public init(
        exchangeExpiresIn: String? = nil, refreshExpiresIn: String? = nil, fields: [String: String] = [:],
        refreshTokenCopies: [String] = [], body: String? = nil
    ) {
        self.exchangeExpiresIn = exchangeExpiresIn
        self.refreshExpiresIn = refreshExpiresIn
        self.fields = fields
        self.refreshTokenCopies = refreshTokenCopies
        self.body = body
    }

    /// Whether any option is set.
    public var isEmpty: Bool { self == SandboxHostileAnswers() }
}
