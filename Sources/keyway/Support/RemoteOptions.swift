import ArgumentParser
import Foundation

/// The options of every command that talks to a running Keyway.
struct RemoteOptions: ParsableArguments {
    @Option(help: "Keyway's URL (overrides $KEYWAY_URL and the profile; default http://127.0.0.1:8080).")
    var url: String?

    @Option(help: "The API key to use (overrides $KEYWAY_API_KEY and the profile).")
    var apiKey: String?

    @Option(help: "The data folder whose profile.json supplies the URL and key (default: $KEYWAY_DATA_DIR or ~/.keyway).")
    var dataDir: String?

    @Option(help: "table (aligned columns) or json (the JSON the HTTP contract returns).")
    var output: OutputFormat = .table

    /// The URL and key to use, each from the first place that has one.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RemoteSettings {
        try RemoteSettings.resolve(
            url: url, apiKey: apiKey, profileFile: DataDirectory(dataDir).profileURL, environment: environment)
    }
}
