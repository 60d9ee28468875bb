import KeywayCore
import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit

extension PostgresStoreDatabase {
    /// Connects to a PostgreSQL database and checks that it answers.
    ///
    /// - Parameters:
    ///   - url: the parsed address.
    ///   - maximumConnections: the most connections the store's reads and transactions use at once.
    ///   - lockConnections: the most refresh locks this process holds (or waits for) at once; further
    ///     refreshes queue for a lock connection.
    ///   - logger: where to log; the address is logged without its password.
    /// - Throws: ``KeywayError`` `storage_unavailable` when the server does not answer or refuses the login.
    public static func open(
        url: PostgresURL, maximumConnections: Int = 16, lockConnections: Int = 8, logger: Logger
    ) async throws -> PostgresStoreDatabase {
        try await probe(url, logger: logger)
        let client = PostgresClient(
            configuration: configuration(url, maximumConnections: maximumConnections), backgroundLogger: logger)
        let lockClient = PostgresClient(
            configuration: configuration(url, maximumConnections: lockConnections), backgroundLogger: logger)
        let runners = [Task { await client.run() }, Task { await lockClient.run() }]
        return PostgresStoreDatabase(url: url, client: client, lockClient: lockClient, runners: runners, logger: logger)
    }

    /// Opens one connection and runs `SELECT 1`, so that an unreachable server or a refused login fails now
    /// with its reason (a pool would retry in the background and keep callers waiting).
    private static func probe(_ url: PostgresURL, logger: Logger) async throws {
        do {
            let tls: PostgresConnection.Configuration.TLS =
                switch url.tls {
                case .disable: .disable
                case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
            var configuration = PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.username, password: url.password,
                database: url.database, tls: tls)
            configuration.options.connectTimeout = .seconds(10)
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            do {
                _ = try await connection.query("SELECT 1", logger: logger).collect()
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            let reason = Self.reason(error)
            logger.error("PostgreSQL cannot be reached", metadata: ["database": "\(url)", "reason": "\(reason)"])
            throw KeywayError(
                .internal, "storage_unavailable", "The PostgreSQL database at \(url) cannot be reached (\(reason)).")
        }
    }

    /// What went wrong, safe to show: the server's message, or the network error; never a password.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return String(describing: underlying) }
        return "PostgreSQL \(error.code)"
    }

    /// The pool configuration for one address.
    private static func configuration(_ url: PostgresURL, maximumConnections: Int) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch url.tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password, database: url.database,
            tls: tls)
        configuration.options.maximumConnections = max(1, maximumConnections)
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [("application_name", "keyway")]
        return configuration
    }
}
