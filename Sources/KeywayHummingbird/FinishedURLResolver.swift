import Hummingbird

/// Turns the app's finished path into the absolute URL Keyway needs: against the configured public base
/// URL, else against the request's own `Host` (as `http`).
struct FinishedURLResolver: Sendable {
    /// The app's public base URL, such as `https://app.example.com`; nil to use the request's host.
    let publicURL: String?

    /// `finishedURL` as is when it is absolute, else joined to the base URL.
    func resolve(_ finishedURL: String, for request: Request) throws -> String {
        let lowered = finishedURL.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return finishedURL }
        var base: String
        if let publicURL {
            base = publicURL
        } else {
            guard let host = request.head.authority, Self.isPlausibleHost(host) else {
                throw HTTPError(.badRequest, message: "The request has no usable Host header.")
            }
            base = "http://" + host
        }
        while base.hasSuffix("/") { base.removeLast() }
        return base + (finishedURL.hasPrefix("/") ? finishedURL : "/" + finishedURL)
    }

    /// A host name or address with an optional port, and nothing that could change the URL's meaning.
    static func isPlausibleHost(_ host: String) -> Bool {
        !host.isEmpty && host.count <= 255
            && host.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", ".", "-", ":", "[", "]", "_": true
                default: false
                }
            }
    }
}
