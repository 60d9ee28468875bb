/// How a callback ends for the browser.
public enum CallbackOutcome: Sendable, Hashable {
    /// Send the browser to this URL: the app's finished URL, with the identity or with an error.
    case redirect(String)
    /// The callback cannot be tied to a session (unknown, used or missing state): show an error page.
    /// Nothing was changed.
    case rejected(KeywayError)
}
