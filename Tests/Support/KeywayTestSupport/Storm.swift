import AsyncHTTPClient

/// Many concurrent calls, each free to open its own connection, as a herd of an app's workers would make them.
public enum Storm {
    /// A client that does not follow redirects and may open `connections` connections per host, so that
    /// concurrent calls really are concurrent.
    public static func wideClient(connections: Int = 300) -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(read: .seconds(60)))
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Makes `count` calls at once through a wide client with `apiKey`, and returns what each gave, in the
    /// order they finished. `call` gets the client and the caller's number.
    public static func run<Result: Sendable>(
        _ count: Int, apiKey: String?, _ call: @escaping @Sendable (HTTP, Int) async throws -> Result
    ) async throws -> [Result] {
        let client = wideClient(connections: count)
        let http = HTTP(client: client, apiKey: apiKey)
        do {
            let results = try await withThrowingTaskGroup(of: Result.self) { group in
                for caller in 0..<count {
                    group.addTask { try await call(http, caller) }
                }
                var results: [Result] = []
                for try await result in group { results.append(result) }
                return results
            }
            try await client.shutdown()
            return results
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
