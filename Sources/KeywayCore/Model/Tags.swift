import Foundation

/// The app's own labels on an identity: string key=value pairs such as `tenantId=contoso`.
public typealias Tags = [String: String]

/// The rules and syntaxes for tags: validation, `?tag=k:v` filters and `Keyway-Tags` headers.
public enum TagSyntax {
    /// The most tags one identity or one filter may carry.
    public static let maximumCount = 16
    /// The longest key.
    public static let maximumKeyLength = 64
    /// The longest value.
    public static let maximumValueLength = 256

    /// Checks keys (letters, digits, `_`, `-`, `.`; 1–64 characters) and values (1–256 characters, no
    /// control characters).
    public static func validate(_ tags: Tags) throws(KeywayError) {
        guard tags.count <= maximumCount else {
            throw .invalid("invalid_tags", "At most \(maximumCount) tags are allowed.")
        }
        for (key, value) in tags {
            try validate(key: key, value: value)
        }
    }

    /// Checks one pair.
    public static func validate(key: String, value: String) throws(KeywayError) {
        guard !key.isEmpty, key.count <= maximumKeyLength,
            key.unicodeScalars.allSatisfy({ keyCharacters.contains($0) })
        else {
            throw .invalid(
                "invalid_tags",
                "Tag keys are 1 to \(maximumKeyLength) letters, digits, '_', '-' or '.'; got '\(key.prefix(80))'.")
        }
        guard !value.isEmpty, value.count <= maximumValueLength,
            !value.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) })
        else {
            throw .invalid(
                "invalid_tags",
                "Tag '\(key)' needs a value of 1 to \(maximumValueLength) characters without control characters.")
        }
    }

    /// Parses query filters of the form `key:value` (the first `:` splits key from value).
    public static func parseFilters(_ filters: [String]) throws(KeywayError) -> Tags {
        var tags: Tags = [:]
        for filter in filters {
            guard let colon = filter.firstIndex(of: ":") else {
                throw .invalid("invalid_tags", "A tag filter is 'key:value'; got '\(filter.prefix(80))'.")
            }
            let key = String(filter[..<colon])
            let value = String(filter[filter.index(after: colon)...])
            try add(key: key, value: value, to: &tags)
        }
        return tags
    }

    /// Parses a `Keyway-Tags` header: comma-separated `k=v` pairs, keys and values percent-encoded.
    public static func parseHeader(_ header: String) throws(KeywayError) -> Tags {
        var tags: Tags = [:]
        for pair in header.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = pair.trimmingCharacters(in: .whitespaces)
            guard let equals = trimmed.firstIndex(of: "="),
                let key = String(trimmed[..<equals]).removingPercentEncoding,
                let value = String(trimmed[trimmed.index(after: equals)...]).removingPercentEncoding
            else {
                throw .invalid("invalid_tags", "Keyway-Tags holds comma-separated 'key=value' pairs.")
            }
            try add(key: key, value: value, to: &tags)
        }
        return tags
    }

    private static func add(key: String, value: String, to tags: inout Tags) throws(KeywayError) {
        try validate(key: key, value: value)
        if let existing = tags[key], existing != value {
            throw .invalid("invalid_tags", "Tag '\(key)' is given twice with different values.")
        }
        tags[key] = value
        guard tags.count <= maximumCount else {
            throw .invalid("invalid_tags", "At most \(maximumCount) tags are allowed.")
        }
    }

    private static let keyCharacters = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
}
