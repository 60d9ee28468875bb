import Foundation

/// What the connect page shows an end user who enters credentials instead of consenting at the provider (API
/// keys, Basic, a customer's own OAuth client): the service, the mode, the fields to fill and the form token
/// that must come back with them. Never holds a credential.
public struct CredentialForm: Sendable, Hashable {
    /// The session the form completes.
    public var sessionId: String
    /// The service being connected.
    public var serviceId: String
    /// The provider's name to show.
    public var providerName: String
    /// How the service's identities authenticate.
    public var authMode: AuthMode
    /// The fields to fill, in order.
    public var fields: [Field]
    /// The CSRF token the form posts back (``BrowserBinding/formToken(for:)``).
    public var formToken: String
    /// Where the provider documents how to get the credentials, if the catalog says.
    public var docsUrl: String?
    /// Why the previous post was refused (the form is shown again with it); nil on first display.
    public var error: KeywayError?

    /// One input of the form, named as in the `credentials` of `POST /v1/services/{service}/identities`.
    public struct Field: Sendable, Hashable {
        /// The form field's name, such as `apiKey`.
        public var name: String
        /// The label to show.
        public var label: String
        /// Whether the value is secret (a password input, never shown again).
        public var secret: Bool
    }

    /// The fields a mode needs (none for the code flow, which goes to the provider's consent page).
    public static func fields(for mode: AuthMode) -> [Field] {
        switch mode {
        case .apiKey: [Field(name: "apiKey", label: "API key", secret: true)]
        case .basic:
            [Field(name: "username", label: "Username", secret: false),
             Field(name: "password", label: "Password or API token", secret: true)]
        case .oauth2ClientCredentials:
            [Field(name: "clientId", label: "Client ID", secret: false),
             Field(name: "clientSecret", label: "Client secret", secret: true)]
        case .oauth2: []
        }
    }
}

/// How the connect page's credential form ends for the browser.
public enum CredentialFormOutcome: Sendable, Hashable {
    /// Show the form (again, with its ``CredentialForm/error``, after refused credentials); set the binding
    /// cookie when there is one (the browser has just claimed the session).
    case form(CredentialForm, binding: ConnectOutcome.Binding?)
    /// Send the browser to this URL: the app's finished URL, with the identity or with an error.
    case redirect(String)
    /// The request cannot go on (unknown session, another browser, a missing or wrong form token): show an error
    /// page. The session is left as it was.
    case rejected(KeywayError)
}
