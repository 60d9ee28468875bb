/// Where a generic sandbox's `GET api/keyed` expects its static credential, and the exact value.
public enum SandboxStaticCredential: Sendable, Equatable {
    /// A header and its whole value, such as `Authorization: Bearer SG.key` or `Authorization: Basic …`.
    case header(name: String, value: String)
    /// A query parameter and its value, such as `key=AIza…`.
    case query(name: String, value: String)
}
