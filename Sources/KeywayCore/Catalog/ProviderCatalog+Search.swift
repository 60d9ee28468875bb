import Foundation

extension ProviderCatalog {
    /// The longest search text `GET /v1/providers?search=` accepts.
    public static let maximumSearchLength = 100

    /// The entries whose id or display name contains `text`, ignoring case, sorted by id (every entry for an
    /// empty or all-space text), and of the given auth mode when there is one.
    public func providers(matching text: String, authMode: AuthMode? = nil) -> [Provider] {
        let needle = text.trimmingCharacters(in: .whitespaces)
        return providers.filter { provider in
            if let authMode, provider.effectiveAuthMode != authMode { return false }
            return needle.isEmpty
                || provider.id.range(of: needle, options: .caseInsensitive) != nil
                || provider.displayName.range(of: needle, options: .caseInsensitive) != nil
        }
    }
}
