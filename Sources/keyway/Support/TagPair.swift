import ArgumentParser

/// One `--tag key=value` argument (the first `=` splits key from value).
struct TagPair: Sendable, Hashable {
    let key: String
    let value: String

    /// Parses `key=value`; the error names what is wrong.
    static func parse(_ argument: String) throws -> TagPair {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
            throw ValidationError("a tag is key=value, such as tenantId=contoso")
        }
        let value = String(argument[argument.index(after: equals)...])
        guard !value.isEmpty else { throw ValidationError("the tag '\(argument[..<equals])' needs a value") }
        return TagPair(key: String(argument[..<equals]), value: value)
    }

    /// The pair as the SDK's calls take it (they write the contract's `tag=key:value` filter).
    var pair: (key: String, value: String) { (key, value) }
}
