import Foundation

extension ProviderCatalog {
    /// The longest search text `GET /v1/providers?search=` accepts.
    public static let maximumSearchLength = 100

    /// The entries whose id or display name contains `text`, ignoring case, sorted by id; every entry for an
    /// empty (or all-space) text.
    public func providers(matching text: String) -> [Provider] {
        let needle = text.trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return providers }
        return providers.filter {
            $0.id.range(of: needle, options: .caseInsensitive) != nil
                || $0.displayName.range(of: needle, options: .caseInsensitive) != nil
        }
    }
}
