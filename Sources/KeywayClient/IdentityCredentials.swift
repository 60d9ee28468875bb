import Foundation

/// Credentials for ``KeywayClient/createIdentity(for:tags:credentials:)``, one case per auth mode of the
/// service. Its description never shows the secrets.
public enum IdentityCredentials: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// An `api_key` service's key.
    case apiKey(String)
    /// A `basic` service's username and password (or API token).
    case basic(username: String, password: String)
    /// An `oauth2_client_credentials` service: the identity's own client, or nil for the service's.
    case clientCredentials(clientId: String?, clientSecret: String?)
    /// An OAuth 2 token imported from another system.
    case importedToken(accessToken: String, refreshToken: String?, expiresAt: Date?, scopes: [String]?)

    public var description: String {
        switch self {
        case .apiKey: "IdentityCredentials.apiKey(…)"
        case .basic: "IdentityCredentials.basic(…)"
        case .clientCredentials: "IdentityCredentials.clientCredentials(…)"
        case .importedToken: "IdentityCredentials.importedToken(…)"
        }
    }

    private enum Keys: String, CodingKey {
        case apiKey, username, password, clientId, clientSecret, accessToken, refreshToken, expiresAt, scopes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .apiKey(let key):
            try container.encode(key, forKey: .apiKey)
        case .basic(let username, let password):
            try container.encode(username, forKey: .username)
            try container.encode(password, forKey: .password)
        case .clientCredentials(let clientId, let clientSecret):
            try container.encodeIfPresent(clientId, forKey: .clientId)
            try container.encodeIfPresent(clientSecret, forKey: .clientSecret)
        case .importedToken(let accessToken, let refreshToken, let expiresAt, let scopes):
            try container.encode(accessToken, forKey: .accessToken)
            try container.encodeIfPresent(refreshToken, forKey: .refreshToken)
            try container.encodeIfPresent(
                expiresAt.map { $0.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)) },
                forKey: .expiresAt)
            try container.encodeIfPresent(scopes, forKey: .scopes)
        }
    }
}
