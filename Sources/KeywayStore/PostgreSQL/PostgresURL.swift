import Foundation
import KeywayCore

/// A parsed `postgres://user:password@host:port/database?sslmode=…` address.
///
/// Its ``description`` never shows the password, so it is safe to log.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS.
    public enum TLSMode: String, Sendable, Hashable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, else plain TCP (libpq's default).
        case prefer
        /// TLS with full certificate verification, or no connection.
        case require
    }

    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The role to connect as.
    public var username: String
    /// The role's password, if any.
    public var password: String?
    /// The database, or nil for the role's default.
    public var database: String?
    /// How TLS is used.
    public var tls: TLSMode

    /// Whether a `--database` value names PostgreSQL rather than an SQLite file.
    public static func isPostgres(_ value: String) -> Bool {
        let lower = value.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses an address.
    ///
    /// `sslmode` (or `tlsmode`) takes libpq's names: `disable`, `allow`/`prefer`, and `require`,
    /// `verify-ca` or `verify-full` (all three verify the certificate fully).
    ///
    /// - Throws: ``KeywayError`` `invalid_database_url`; the message never repeats the password.
    public init(_ text: String) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text), let host = components.host,
            !host.isEmpty
        else {
            throw Self.invalid("expected postgres://user[:password]@host[:port]/database")
        }
        guard let user = components.user, !user.isEmpty else { throw Self.invalid("the user name is missing") }
        self.host = host
        self.port = components.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? nil : (path.removingPercentEncoding ?? path)
        let mode = components.queryItems?.last { ["sslmode", "tlsmode", "ssl", "tls"].contains($0.name.lowercased()) }
        switch mode?.value?.lowercased() ?? "prefer" {
        case "disable", "false": self.tls = .disable
        case "allow", "prefer", "true": self.tls = .prefer
        case "require", "verify-ca", "verify-full": self.tls = .require
        default: throw Self.invalid("sslmode must be disable, prefer or require")
        }
    }

    /// `postgres://user@host:port/database`, without the password.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database ?? "")"
    }

    private static func invalid(_ reason: String) -> KeywayError {
        KeywayError.invalid("invalid_database_url", "The PostgreSQL address is not valid: \(reason).")
    }
}
