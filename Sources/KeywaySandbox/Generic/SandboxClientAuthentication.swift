/// How a generic sandbox's token endpoint wants the client to authenticate (RFC 6749 §2.3.1).
public enum SandboxClientAuthentication: Sendable, Equatable {
    /// `client_id` and `client_secret` in the form body; HTTP Basic alone is refused.
    case formBody
    /// HTTP Basic only; a `client_secret` in the body is refused with `invalid_client`.
    case basic
    /// Either.
    case either
}
