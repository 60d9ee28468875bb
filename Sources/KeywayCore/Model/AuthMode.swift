import Foundation

/// How a service's identities authenticate to the provider's API, and so what an identity holds.
public enum AuthMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The OAuth 2 authorization-code flow (the default): an end user consents in the browser.
    case oauth2
    /// The OAuth 2 client-credentials grant (RFC 6749 §4.4): Keyway fetches and refreshes the token itself
    /// with the identity's own client id and secret, or the service's.
    case oauth2ClientCredentials = "oauth2_client_credentials"
    /// A static API key, placed where the catalog entry's ``Provider/tokenPresentation`` says (a header with
    /// a prefix, or a query parameter).
    case apiKey = "api_key"
    /// HTTP Basic with a username and a password (or API token), as `Authorization: Basic …`.
    case basic

    /// Whether the end user goes through the provider's consent page to connect.
    public var usesConsent: Bool { self == .oauth2 }

    /// Whether an identity of this mode holds an OAuth 2 access token that Keyway obtains or refreshes.
    public var isOAuth: Bool { self == .oauth2 || self == .oauth2ClientCredentials }

    /// Parses a mode as written in the catalog, a service or a query, with a stable error.
    public static func parse(_ text: String) throws(KeywayError) -> AuthMode {
        guard let mode = AuthMode(rawValue: text) else {
            throw .invalid(
                "invalid_auth_mode",
                "'authMode' is one of \(allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return mode
    }
}
