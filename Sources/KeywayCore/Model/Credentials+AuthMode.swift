import Foundation

extension Credentials {
    /// New credentials from a token endpoint, still carrying what identifies how they are renewed: the auth
    /// mode and the identity's own client.
    public func keeping(_ previous: Credentials) -> Credentials {
        var credentials = self
        credentials.authMode = previous.authMode
        credentials.clientId = previous.clientId
        credentials.clientSecret = previous.clientSecret
        return credentials
    }

    /// Credentials holding an API key.
    public static func apiKey(_ key: String) -> Credentials {
        var credentials = Credentials(accessToken: key)
        credentials.authMode = .apiKey
        return credentials
    }

    /// Credentials for HTTP Basic: the access token is the base64 of `username:password` (RFC 7617).
    public static func basic(username: String, password: String) -> Credentials {
        var credentials = Credentials(accessToken: Data("\(username):\(password)".utf8).base64EncodedString())
        credentials.authMode = .basic
        return credentials
    }
}

extension Credentials {
    /// The username of Basic credentials (before the first ':' of the decoded access token); nil for other modes.
    public var basicUsername: String? {
        guard effectiveAuthMode == .basic, let data = Data(base64Encoded: accessToken),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return String(text[..<colon])
    }
}
