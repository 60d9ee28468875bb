import Foundation

/// Where a running Keyway listens and the API key to present to it.
///
/// Each of the two comes from the first place that has it: the command-line option, then the environment
/// (`KEYWAY_URL`, `KEYWAY_API_KEY`), then the profile in the data folder. Empty values count as absent.
struct RemoteSettings: Sendable {
    /// The URL used when no option, variable or profile names one: where `keyway serve` listens by default.
    static let defaultURL = "http://127.0.0.1:8080"

    /// The base URL, without a trailing slash.
    let url: String
    /// The API key.
    let apiKey: String

    static func resolve(
        url: String?, apiKey: String?, profileFile: URL, environment: [String: String]
    ) throws -> RemoteSettings {
        let profile = try Profile.read(from: profileFile)
        let chosenURL =
            [url, environment["KEYWAY_URL"], profile?.url].compactMap(nonEmpty).first ?? defaultURL
        guard let chosenKey = [apiKey, environment["KEYWAY_API_KEY"], profile?.apiKey].compactMap(nonEmpty).first
        else {
            throw UsageError(
                "No API key: pass --api-key, set KEYWAY_API_KEY, or run 'keyway init' to write \(profileFile.path).")
        }
        return RemoteSettings(url: try validated(chosenURL), apiKey: chosenKey)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    private static func validated(_ url: String) throws -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else {
            throw UsageError("'\(url.prefix(200))' is not an http:// or https:// URL.")
        }
        var trimmed = url
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }
}
