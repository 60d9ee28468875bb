import ArgumentParser
import AsyncHTTPClient
import Foundation
import KeywayClient

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

    /// Runs `body` with an SDK client found by the SDK's rule (`KeywayClient.fromOptions`), over a connection
    /// pool of its own that says at once that nothing listens (no connect retries) and is shut down afterwards.
    /// Token calls may wait for the provider's token endpoint, hence the long timeout.
    func withClient<Result: Sendable>(_ body: (KeywayClient) async throws -> Result) async throws -> Result {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(60)))
        configuration.connectionPool.retryConnectionEstablishment = false
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let result: Result
        do {
            let client = try KeywayClient.fromOptions(
                url: url, apiKey: apiKey, dataDirectory: dataDir, httpClient: http, timeout: .seconds(90))
            result = try await body(client)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
        return result
    }
}
