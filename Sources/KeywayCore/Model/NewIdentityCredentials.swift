import Foundation

/// The `credentials` of `POST /v1/services/{service}/identities`, shaped by the service's auth mode:
/// `{"apiKey"}`, `{"username", "password"}`, `{"clientId", "clientSecret"}` (both optional: absent means the
/// service's client) or, for `oauth2`, an import `{"accessToken", "refreshToken", "expiresAt", "scopes"}`.
public struct NewIdentityCredentials: Sendable, Hashable, Decodable {
    public var apiKey: String?
    public var username: String?
    public var password: String?
    public var clientId: String?
    public var clientSecret: String?
    public var accessToken: String?
    public var refreshToken: String?
    /// RFC 3339.
    public var expiresAt: String?
    public var scopes: [String]?

    /// Creates a value.
    public init(
        apiKey: String? = nil, username: String? = nil, password: String? = nil, clientId: String? = nil,
        clientSecret: String? = nil, accessToken: String? = nil, refreshToken: String? = nil,
        expiresAt: String? = nil, scopes: [String]? = nil
    ) {
        self.apiKey = apiKey
        self.username = username
        self.password = password
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scopes = scopes
    }

    /// The longest value any field may hold.
    public static let maximumLength = 8192

    /// The credentials to store for `mode`, checked: the fields of that mode and no others. For
    /// client credentials the access token is still to be fetched (it is empty here).
    ///
    /// - Throws: `invalid_credentials` (400) naming what is missing or out of place.
    public func credentials(for mode: AuthMode) throws(KeywayError) -> Credentials {
        let given: [(String, String?)] = [
            ("apiKey", apiKey), ("username", username), ("password", password), ("clientId", clientId),
            ("clientSecret", clientSecret), ("accessToken", accessToken), ("refreshToken", refreshToken),
            ("expiresAt", expiresAt),
        ]
        let allowed: Set<String> =
            switch mode {
            case .apiKey: ["apiKey"]
            case .basic: ["username", "password"]
            case .oauth2ClientCredentials: ["clientId", "clientSecret"]
            case .oauth2: ["accessToken", "refreshToken", "expiresAt"]
            }
        for (name, value) in given where value != nil {
            guard allowed.contains(name) else { throw Self.invalid("'\(name)' does not belong to a \(mode.rawValue) identity.") }
            guard let value, !value.isEmpty, value.utf8.count <= Self.maximumLength,
                !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else { throw Self.invalid("'\(name)' must be a non-empty string without control characters.") }
        }
        if scopes != nil, mode != .oauth2 { throw Self.invalid("'scopes' belongs to an imported OAuth 2 token.") }
        switch mode {
        case .apiKey:
            guard let apiKey else { throw Self.invalid("An api_key identity needs 'apiKey'.") }
            return .apiKey(apiKey)
        case .basic:
            guard let username, let password else { throw Self.invalid("A basic identity needs 'username' and 'password'.") }
            guard !username.contains(":") else { throw Self.invalid("A Basic username cannot hold ':' (RFC 7617).") }
            return .basic(username: username, password: password)
        case .oauth2ClientCredentials:
            guard (clientId == nil) == (clientSecret == nil) else {
                throw Self.invalid("Give both 'clientId' and 'clientSecret', or neither to use the service's client.")
            }
            var credentials = Credentials(accessToken: "")
            credentials.authMode = .oauth2ClientCredentials
            credentials.clientId = clientId
            credentials.clientSecret = clientSecret
            return credentials
        case .oauth2:
            guard let accessToken else { throw Self.invalid("Importing an OAuth 2 token needs 'accessToken'.") }
            var expiry: Date?
            if let expiresAt {
                guard let date = (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(expiresAt))
                    ?? (try? Date.ISO8601FormatStyle().parse(expiresAt))
                else { throw Self.invalid("'expiresAt' must be an RFC 3339 time.") }
                expiry = date
            }
            var native: [String: JSONValue] = ["token_type": .string("Bearer")]
            if let scopes {
                guard scopes.count <= 256, scopes.allSatisfy({ !$0.isEmpty && $0.count <= 512 && !$0.contains(where: \.isWhitespace) })
                else { throw Self.invalid("Each scope is one non-empty word without spaces.") }
                native["scope"] = .string(scopes.joined(separator: " "))
            }
            return Credentials(
                accessToken: accessToken, refreshToken: refreshToken, tokenType: "Bearer", expiresAt: expiry,
                native: native)
        }
    }

    private static func invalid(_ message: String) -> KeywayError { .invalid("invalid_credentials", message) }
}
