/// Where a generic sandbox puts the access token in the code exchange's answer.
public enum SandboxTokenPlacement: Sendable, Equatable {
    /// `{"access_token": …}` at the top level, as RFC 6749 has it.
    case topLevel
    /// Slack's user-token shape: scopes come in `scopeParameter` (Slack's `user_scope`), the exchange answers
    /// `{"ok": true, "team": …, field: {"access_token": …, "refresh_token": …, "expires_in": …}}`, a refresh
    /// answers with the new token at the top level, and errors are HTTP 200 with `{"ok": false, "error": …}`.
    /// A `scope` (bot scopes) is refused: the sandbox app has no bot user.
    case nested(field: String, scopeParameter: String)

    /// Slack's shape: `authed_user`, with user scopes in `user_scope`.
    public static let slackUser = SandboxTokenPlacement.nested(field: "authed_user", scopeParameter: "user_scope")
}
