import Foundation

/// How the address Keyway listens on becomes a URL that browsers and providers on this machine can reach.
public enum ListenAddress {
    /// The URL of a listening address: a wildcard (`0.0.0.0`, `::`) becomes the loopback address of its family,
    /// since a browser cannot open a wildcard, and an IPv6 literal is bracketed.
    public static func url(host: String, port: Int) -> String {
        let reachable: String
        switch host {
        case "0.0.0.0", "": reachable = "127.0.0.1"
        case "::", "[::]": reachable = "[::1]"
        default: reachable = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        }
        return "http://\(reachable):\(port)"
    }

    /// Checks a `--public-url`: an absolute `http` or `https` URL with a host, and no query or fragment,
    /// since the callback URL is built by appending a path to it. Returns it without trailing slashes.
    public static func validatePublicURL(_ text: String) -> String? {
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil, components.user == nil
        else { return nil }
        return url
    }
}
