/// How a caller names the identity whose token a proxied call uses.
public enum IdentitySelector: Sendable, Hashable {
    /// By id (`Keyway-Identity`).
    case id(String)
    /// By tags that must match exactly one identity (`Keyway-Tags`).
    case tags(Tags)
}
