import AsyncHTTPClient
import Foundation

extension KeywayClient {
    /// A client configured the way the CLI is: `KEYWAY_URL` and `KEYWAY_API_KEY` when both are set, else the
    /// profile that `keyway init` wrote (`$KEYWAY_DATA_DIR/profile.json`, else `~/.keyway/profile.json`).
    ///
    /// ```swift
    /// let keyway = try KeywayClient.fromEnvironment()
    /// ```
    ///
    /// - Parameters:
    ///   - environment: the variables to read; the process's own by default.
    ///   - httpClient: the HTTP client to use; ``KeywayClient/defaultHTTPClient`` by default.
    /// - Throws: ``KeywayClientError`` of kind `configuration`: `not_configured` when neither the variables
    ///   nor a profile exist, `invalid_configuration` when only one variable is set, the profile cannot be read
    ///   or the URL is not an `http(s)` URL.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        httpClient: HTTPClient = KeywayClient.defaultHTTPClient
    ) throws -> KeywayClient {
        let url = environment["KEYWAY_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let apiKey = environment["KEYWAY_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch (url, apiKey) {
        case (let url?, let apiKey?):
            return try validated(url: url, apiKey: apiKey, source: "KEYWAY_URL", httpClient: httpClient)
        case (.some, nil), (nil, .some):
            // A key meant for one Keyway must never be sent to another, so the two never mix with a profile.
            throw KeywayClientError(
                kind: .configuration, code: "invalid_configuration",
                message: "Set both KEYWAY_URL and KEYWAY_API_KEY, or neither to use the profile of 'keyway init'.")
        case (nil, nil):
            let file = Profile.location(environment: environment)
            guard let profile = try Profile.read(file) else {
                throw KeywayClientError(
                    kind: .configuration, code: "not_configured",
                    message: "Set KEYWAY_URL and KEYWAY_API_KEY, or run 'keyway init' to write \(file.path).")
            }
            return try validated(url: profile.url, apiKey: profile.apiKey, source: file.path, httpClient: httpClient)
        }
    }

    private static func validated(url: String, apiKey: String, source: String, httpClient: HTTPClient)
        throws(KeywayClientError) -> KeywayClient
    {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false,
            components.query == nil, components.fragment == nil
        else {
            throw KeywayClientError(
                kind: .configuration, code: "invalid_configuration",
                message: "The Keyway URL from \(source) must be an absolute http or https URL, such as http://127.0.0.1:8080.")
        }
        guard !apiKey.isEmpty else {
            throw KeywayClientError(
                kind: .configuration, code: "invalid_configuration", message: "The API key from \(source) is empty.")
        }
        return KeywayClient(url: url, apiKey: apiKey, httpClient: httpClient)
    }
}
