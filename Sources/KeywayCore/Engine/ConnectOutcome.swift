import Foundation

/// Where the browser goes from a connect link, and the browser binding it must keep for the callback.
public struct ConnectOutcome: Sendable, Hashable {
    /// The provider's consent page, or the app's finished URL with an error.
    public var location: String
    /// The binding to set in the browser: nil when the flow ended here (the finished URL with an error).
    public var binding: Binding?

    /// The browser binding cookie's content and scope.
    public struct Binding: Sendable, Hashable {
        /// The cookie's name (``BrowserBinding/cookieName(sessionId:)``).
        public var cookieName: String
        /// The token: random, only its hash is stored.
        public var token: String
        /// The service, whose callback path scopes the cookie.
        public var serviceId: String
        /// The session, whose connect path also gets the cookie so the same browser may open the link again.
        public var sessionId: String
        /// Seconds until the session, and so the cookie, expires (by the engine's clock).
        public var maxAge: Int
    }

    /// Creates an outcome.
    public init(location: String, binding: Binding?) {
        self.location = location
        self.binding = binding
    }
}
