import ArgumentParser

/// A command that talks to a running Keyway over the HTTP contract.
protocol RemoteCommand: AsyncParsableCommand {
    /// `--url`, `--api-key`, `--data-dir` and `--output`.
    var remote: RemoteOptions { get }

    /// Does the work with a connected client.
    func run(client: KeywayAPIClient, output: OutputFormat) async throws
}

extension RemoteCommand {
    func run() async throws {
        let settings = try remote.settings()
        let output = remote.output
        try await KeywayAPIClient.using(settings) { client in
            try await run(client: client, output: output)
        }
    }
}
