import AsyncHTTPClient
import Foundation
import NIOCore

extension KeywayClient {
    /// The URL used when no option, variable or profile names one: where `keyway serve` listens by default.
    public static let defaultURL = "http://127.0.0.1:8080"

    /// A client configured the way the `keyway` CLI's remote commands are: the URL and the key are found
    /// separately, each from the first place that has one: the given option (`--url`, `--api-key`), then
    /// `KEYWAY_URL` / `KEYWAY_API_KEY`, then the profile `keyway init` wrote (`profile.json` in `dataDirectory`,
    /// else in `$KEYWAY_DATA_DIR`, else in `~/.keyway`). The URL defaults to ``defaultURL``. Empty values count as
    /// absent. Unlike ``fromEnvironment(_:httpClient:)`` this may send the profile's key to a URL given
    /// elsewhere: an operator naming another Keyway gives its key too.
    ///
    /// - Throws: ``KeywayClientError`` of kind `configuration`: `not_configured` when no key is found,
    ///   `invalid_configuration` when the URL is not an `http(s)` URL or the profile cannot be read.
    public static func fromOptions(
        url: String?, apiKey: String?, dataDirectory: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        httpClient: HTTPClient = KeywayClient.defaultHTTPClient, timeout: TimeAmount = .seconds(30)
    ) throws(KeywayClientError) -> KeywayClient {
        var environment = environment
        if let dataDirectory, !dataDirectory.isEmpty { environment["KEYWAY_DATA_DIR"] = dataDirectory }
        let file = Profile.location(environment: environment)
        func first(_ values: String?...) -> String? {
            values.lazy.compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty }
        }
        let option = (url: first(url, environment["KEYWAY_URL"]), apiKey: first(apiKey, environment["KEYWAY_API_KEY"]))
        // The profile is read only when something is still missing.
        let profile = option.url == nil || option.apiKey == nil ? try Profile.read(file) : nil
        guard let chosenKey = first(option.apiKey, profile?.apiKey) else {
            throw KeywayClientError(
                kind: .configuration, code: "not_configured",
                message: "No API key: pass --api-key, set KEYWAY_API_KEY, or run 'keyway init' to write \(file.path).")
        }
        let chosenURL = first(option.url, profile?.url) ?? defaultURL
        guard let components = URLComponents(string: chosenURL), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else {
            throw KeywayClientError(
                kind: .configuration, code: "invalid_configuration",
                message: "'\(chosenURL.prefix(200))' is not an http:// or https:// URL.")
        }
        return KeywayClient(url: chosenURL, apiKey: chosenKey, httpClient: httpClient, timeout: timeout)
    }
}
