import Foundation

/// Text a provider (or a browser on its behalf) supplied, made fit to show or log.
enum ProviderText {
    /// The text cut to `limit` characters and stripped of control characters.
    static func sanitized(_ text: String, limit: Int = 300) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.prefix(limit).map(Character.init))
    }
}
