import ArgumentParser

/// A lifetime written as a whole number and a unit: `90s`, `15m`, `12h`, `30d`, `2w` (plain digits are seconds).
enum LifetimeArgument {
    /// Seconds, or a usage error naming the accepted forms.
    static func parse(_ text: String) throws -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var digits = Substring(text)
        var unit = 1.0
        if let last = text.last, let factor = units[last] {
            digits = digits.dropLast()
            unit = factor
        }
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let count = Double(digits), count > 0
        else {
            throw ValidationError("a lifetime is a positive whole number and a unit (s, m, h, d, w), such as 30d")
        }
        return count * unit
    }
}
