import Foundation
import KeywayAPI

/// Credentials for ``KeywayClient/createIdentity(for:tags:credentials:)``, one case per auth mode of the
/// service. Neither printing nor dumping it shows the secrets.
public enum IdentityCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
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

    /// The same as ``description``: never the secrets.
    public var debugDescription: String { description }

    /// What `dump` and debuggers show: the case only, never its values.
    public var customMirror: Mirror { Mirror(self, children: [:], displayStyle: .enum) }

    /// The contract's `credentials` object for this case.
    var wire: Components.Schemas.NewIdentityCredentials {
        switch self {
        case .apiKey(let key):
            .init(apiKey: key)
        case .basic(let username, let password):
            .init(username: username, password: password)
        case .clientCredentials(let clientId, let clientSecret):
            .init(clientId: clientId, clientSecret: clientSecret)
        case .importedToken(let accessToken, let refreshToken, let expiresAt, let scopes):
            .init(accessToken: accessToken, refreshToken: refreshToken, expiresAt: expiresAt, scopes: scopes)
        }
    }
}
