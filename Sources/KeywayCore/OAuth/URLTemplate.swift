import Foundation

/// Fills `{name}` placeholders in provider URLs.
public enum URLTemplate {
    /// The placeholder names in a template, in order of appearance.
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// Replaces every placeholder with its value; a missing one throws `missing_param` naming it.
    public static func fill(_ template: String, with values: [String: String]) throws(KeywayError) -> String {
        var result = template
        for name in placeholders(in: template) {
            guard let value = values[name] else {
                throw .invalid("missing_param", "The provider needs the parameter '\(name)' (pass it in \"params\").")
            }
            result = result.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return result
    }

    /// Checks a value that will be placed in a URL's host or path: 1–100 letters, digits, `-`, `_` or `.`.
    public static func validate(param name: String, value: String) throws(KeywayError) {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard !value.isEmpty, value.count <= 100, value.unicodeScalars.allSatisfy({ allowed.contains($0) }),
            !value.hasPrefix("."), !value.contains("..")
        else {
            throw .invalid("invalid_param", "The parameter '\(name)' must be 1 to 100 letters, digits, '-', '_' or '.'.")
        }
    }
}
