/// Turns the app's finished path into the absolute URL Keyway needs: against the configured public base
/// URL, else against the request's own `Host` (as `http`). Framework-free, so that every web framework
/// integration (KeywayHummingbird, KeywayVapor) resolves it the same way.
package struct FinishedURLResolver: Sendable {
    /// What an integration answers (400) when the request has no usable `Host` and no public URL is set.
    package static let noUsableHost = "The request has no usable Host header."

    /// The app's public base URL, such as `https://app.example.com`; nil to use the request's host.
    package let publicURL: String?

    package init(publicURL: String?) {
        self.publicURL = publicURL
    }

    /// `finishedURL` as is when it is absolute, else joined to the base URL; nil when the base would come
    /// from `host` and `host` is missing or not a plausible host.
    package func resolve(_ finishedURL: String, host: String?) -> String? {
        let lowered = finishedURL.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return finishedURL }
        var base: String
        if let publicURL {
            base = publicURL
        } else {
            guard let host, Self.isPlausibleHost(host) else { return nil }
            base = "http://" + host
        }
        while base.hasSuffix("/") { base.removeLast() }
        return base + (finishedURL.hasPrefix("/") ? finishedURL : "/" + finishedURL)
    }

    /// A host name or address with an optional port, and nothing that could change the URL's meaning.
    package static func isPlausibleHost(_ host: String) -> Bool {
        !host.isEmpty && host.count <= 255
            && host.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", ".", "-", ":", "[", "]", "_": true
                default: false
                }
            }
    }
}
