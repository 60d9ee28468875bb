import Foundation
import KeywayCore
import KeywayStore
import Logging
import SQLKit
import Testing

/// Throwaway PostgreSQL databases for tests, on the server `KEYWAY_TEST_POSTGRES_URL` names (scripts/test.sh
/// starts a cluster on loopback and sets it). Without it, PostgreSQL cases cancel themselves and say why.
public enum PostgresTestDatabase {
    /// The variable naming a server the tests may create and drop databases on.
    public static let environmentVariable = "KEYWAY_TEST_POSTGRES_URL"

    /// The administrative address, when set.
    public static var adminURL: String? {
        guard let value = ProcessInfo.processInfo.environment[environmentVariable], !value.isEmpty else { return nil }
        return value
    }

    /// Whether PostgreSQL tests can run.
    public static var isConfigured: Bool { adminURL != nil }

    /// Why PostgreSQL cases do not run.
    public static let skipReason: Comment =
        "PostgreSQL is not configured: set KEYWAY_TEST_POSTGRES_URL (bash scripts/test.sh starts a throwaway cluster)"

    /// Printed once per run when PostgreSQL cases are skipped (Swift Testing reports a cancelled case of a
    /// parameterized test only in verbose mode).
    private static let skipNotice: Void = print("note: PostgreSQL test cases are skipped. \(skipReason)")

    /// Creates an empty database, runs `body` with its address, and drops it (even when connections remain,
    /// such as those of a killed child process).
    ///
    /// Cancels the current test (or test case) when PostgreSQL is not configured.
    public static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        guard let adminURL else {
            _ = skipNotice
            try Test.cancel(skipReason)
        }
        let name = "keyway_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await admin(adminURL, "CREATE DATABASE \(name)")
        let url = try address(of: name, on: adminURL)
        do {
            let result = try await body(url)
            try await admin(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            return result
        } catch {
            try? await admin(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
    }

    /// The address of another database on the same server.
    static func address(of database: String, on adminURL: String) throws -> String {
        guard var components = URLComponents(string: adminURL) else {
            throw KeywayError.invalid("invalid_database_url", "\(environmentVariable) is not a URL.")
        }
        components.path = "/" + database
        guard let url = components.string else {
            throw KeywayError.invalid("invalid_database_url", "\(environmentVariable) is not a URL.")
        }
        return url
    }

    /// Runs one statement outside of a transaction on the administrative database.
    private static func admin(_ adminURL: String, _ statement: String) async throws {
        let logger = Logger(label: "keyway.tests.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let database = try await PostgresStoreDatabase.open(
            url: try PostgresURL(adminURL), maximumConnections: 1, lockConnections: 1, logger: logger)
        do {
            try await database.read { db in try await db.raw(SQLQueryString(statement)).run() }
            try await database.close()
        } catch {
            try? await database.close()
            throw error
        }
    }
}
