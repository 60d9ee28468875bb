/// `--audit-retention`: `90d`, `12h`, `30m`, `3600s`, or `forever`.
enum RetentionOption {
    /// The duration, `.some(nil)` for `forever`, or nil when the text is not one of the forms.
    static func parse(_ text: String) -> Duration?? {
        if text == "forever" { return .some(nil) }
        guard let unit = text.last, let number = Int(text.dropLast()), number > 0, number <= 36_500 * 86_400 else {
            return nil
        }
        let seconds: Int
        switch unit {
        case "d": seconds = number * 86_400
        case "h": seconds = number * 3_600
        case "m": seconds = number * 60
        case "s": seconds = number
        default: return nil
        }
        guard seconds <= 36_500 * 86_400 else { return nil }
        return .some(.seconds(seconds))
    }
}
