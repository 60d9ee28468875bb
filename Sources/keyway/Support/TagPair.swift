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
}

extension [TagPair] {
    /// The tags as the SDK takes them; of a key given twice, the last value.
    var dictionary: [String: String] { Dictionary(map { ($0.key, $0.value) }) { _, last in last } }
}
