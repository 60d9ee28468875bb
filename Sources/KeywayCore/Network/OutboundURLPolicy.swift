import Foundation

/// Where Keyway may send a request for a URL that an operator set or that was stored: a service's token,
/// authorization and API base URLs.
///
/// Any holder of an API key can set a service's URLs, and the proxy then forwards requests there. So by default
/// a URL on a loopback, link-local or private address is refused: otherwise an API key would reach the
/// machine's internal services (a database's HTTP port, a cloud metadata service at 169.254.169.254) through
/// Keyway. `keyway serve --allow-private-urls` turns that off for deployments whose providers or sandboxes run
/// on a private network; `keyway serve --sandbox` allows only its own sandbox's URLs.
///
/// The judgement is on the URL's host text (IPv4 in every form the resolver accepts, IPv6, `localhost`); a
/// public DNS name that resolves to a private address is not looked up, so it is not caught here.
public struct OutboundURLPolicy: Sendable, Hashable {
    /// Whether URLs on loopback, link-local and private addresses are allowed.
    public var allowsPrivateAddresses: Bool
    /// URL prefixes allowed even on such an address, such as the sandbox's own root (`http://127.0.0.1:8080/sandbox/`).
    public var allowedPrefixes: [String]

    /// Public addresses only: the default.
    public static let publicAddressesOnly = OutboundURLPolicy(allowsPrivateAddresses: false)
    /// Any address: `--allow-private-urls`, and tests whose fake providers listen on loopback.
    public static let anyAddress = OutboundURLPolicy(allowsPrivateAddresses: true)

    /// Creates a policy.
    public init(allowsPrivateAddresses: Bool, allowedPrefixes: [String] = []) {
        self.allowsPrivateAddresses = allowsPrivateAddresses
        self.allowedPrefixes = allowedPrefixes
    }

    /// Checks a URL (a template's `{placeholders}` are read as plain text): absolute, without credentials,
    /// `https` (or `http` on loopback), and on a public address unless this policy allows otherwise.
    ///
    /// - Throws: `invalid_url` for a malformed URL or a plain-http one off loopback; `private_address` for a
    ///   host this policy refuses.
    public func check(_ url: String, field: String) throws(KeywayError) {
        let filled = url.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
        guard let components = URLComponents(string: filled), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, components.user == nil, components.password == nil
        else {
            throw .invalid("invalid_url", "'\(field)' must be an absolute URL.")
        }
        let address = HostAddress.classify(host)
        guard scheme == "https" || (scheme == "http" && address == .loopback) else {
            throw .invalid("invalid_url", "'\(field)' must use https (http is allowed on loopback only).")
        }
        guard address.isPublic || allowsPrivateAddresses || isUnderAllowedPrefix(components) else {
            throw .invalid(
                "private_address",
                "'\(field)' points at a loopback, link-local or private address (\(host.prefix(100))); Keyway refuses "
                    + "those unless it runs with --allow-private-urls.")
        }
    }

    /// Whether the URL lies under one of ``allowedPrefixes``: same scheme, host and port, and a path under the
    /// prefix's with no dot segments that could climb out of it.
    private func isUnderAllowedPrefix(_ url: URLComponents) -> Bool {
        let path = url.percentEncodedPath
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.contains(where: { $0 == "." || $0 == ".." || $0.lowercased().contains("%2e") }) else {
            return false
        }
        return allowedPrefixes.contains { prefix in
            guard let allowed = URLComponents(string: prefix) else { return false }
            var root = allowed.percentEncodedPath
            if !root.hasSuffix("/") { root += "/" }
            return allowed.scheme?.lowercased() == url.scheme?.lowercased()
                && allowed.host?.lowercased() == url.host?.lowercased() && allowed.port == url.port
                && (path + "/").hasPrefix(root)
        }
    }
}
