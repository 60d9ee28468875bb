import ArgumentParser
import KeywayClient

/// A command that talks to a running Keyway over the HTTP contract, through the SDK.
protocol RemoteCommand: AsyncParsableCommand {
    /// `--url`, `--api-key`, `--data-dir` and `--output`.
    var remote: RemoteOptions { get }

    /// Does the work with a connected client.
    func run(client: KeywayClient, output: OutputFormat) async throws
}

extension RemoteCommand {
    func run() async throws {
        let output = remote.output
        try await remote.withClient { client in
            try await run(client: client, output: output)
        }
    }
}
