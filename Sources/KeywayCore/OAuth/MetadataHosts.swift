import Foundation

/// The checks on values a provider reports in its token answer that fill a placeholder of the service's URLs
/// (Salesforce's `instance_url`, Pipedrive's `api_domain`, Wrike's `host`…).
///
/// Such a value chooses where Keyway later sends an access token (the proxy) or a refresh token and the client
/// secret (a templated token URL), so a provider, or anyone who can shape its answer, must not be able to point
/// it anywhere else. Each is checked by where it lands in each template that uses it:
/// - the start of a template (`{instance_url}`, `{api_domain}/api/v1`): an absolute URL, `https` on the default
///   port, with no user info, query or fragment and only plain path segments, whose host the catalog entry's
///   ``Provider/metadataHosts`` allows (an entry `http://host` allows plain http to that host, on any port);
/// - a whole host (`https://{host}/api/v4`): a host name the list allows;
/// - one label in front of a fixed domain (`https://{tenant}.example.com`): one DNS label;
/// - anywhere else (the path): letters, digits, `-`, `_` and `.`, as ``URLTemplate/validate(param:value:)`` says.
/// A field in a URL or host position without a list is refused (fail closed). Fields that fill no placeholder
/// are only kept as metadata and are not checked.
///
/// Keyway checks at the code exchange (nothing is stored), at every refresh (before the grant, the stored values;
/// after it, the answer's: the identity becomes `refresh_failed`) and when the proxy builds the upstream URL.
public enum MetadataHosts {
    /// Checks the response metadata among `metadata` that fills the service's URL templates.
    ///
    /// - Throws: `untrusted_host` (502) naming the field.
    public static func validate(_ metadata: [String: String], service: Service, provider: Provider) throws(KeywayError) {
        let templates = ServiceURLTemplates(service: service, provider: provider).all
        for field in provider.metadata.response.sorted() {
            guard let value = metadata[field] else { continue }
            for template in templates where URLTemplate.placeholders(in: template).contains(field) {
                try validate(
                    field: field, value: value, template: template, allowed: provider.metadataHosts?[field] ?? [],
                    provider: provider.id)
            }
        }
    }

    /// Where a placeholder lands in a template.
    package enum Position: Sendable, Hashable {
        /// At the start: the value is a whole URL (`{instance_url}`, `{api_domain}/api/v1`).
        case url
        /// The whole host, or its end (`https://{host}/api/v4`).
        case host
        /// One label in front of a fixed domain (`https://{tenant}.example.com`).
        case label
        /// Outside the authority: the path.
        case path
    }

    /// Where `field` lands in `template`.
    package static func position(of field: String, in template: String) -> Position {
        if template.hasPrefix("{\(field)}") { return .url }
        switch PlaceholderValues.hostPosition(of: field, in: template) {
        case .open?: return .host
        case .label?: return .label
        case nil: return .path
        }
    }

    /// Checks one value where it lands in one template.
    package static func validate(field: String, value: String, template: String, allowed: [String], provider: String)
        throws(KeywayError)
    {
        switch position(of: field, in: template) {
        case .url:
            guard let host = urlHost(value) else {
                throw refusal(field, provider, "is not an https URL without user info, query or fragment")
            }
            guard isAllowed(host: host, plainHTTP: value.lowercased().hasPrefix("http:"), allowed: allowed) else {
                throw refusal(field, provider, "names the host '\(shown(host))', which is not one of \(list(allowed))")
            }
        case .host:
            guard isHostName(value), isAllowed(host: value, plainHTTP: false, allowed: allowed) else {
                throw refusal(field, provider, "names the host '\(shown(value))', which is not one of \(list(allowed))")
            }
        case .label:
            guard PlaceholderValues.isLabel(value[...]) else {
                throw refusal(field, provider, "is not one DNS label")
            }
        case .path:
            do {
                try URLTemplate.validate(param: field, value: value)
            } catch {
                throw refusal(field, provider, "is not a plain path segment")
            }
        }
    }

    /// The host of an absolute URL fit to be an API or token base, lower-cased; nil when it is not one.
    package static func urlHost(_ value: String) -> String? {
        guard value.count <= 2048, let components = URLComponents(string: value),
            let scheme = components.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = components.host?.lowercased(), isHostName(host),
            components.user == nil, components.password == nil, components.query == nil, components.fragment == nil,
            components.port == nil || (scheme == "https" && components.port == 443) || scheme == "http"
        else { return nil }
        let segments = components.percentEncodedPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~")
        for (index, segment) in segments.enumerated() {
            // A trailing slash is fine; an empty segment inside the path, `.`, `..` or an escape is not.
            if segment.isEmpty && index == segments.count - 1 { continue }
            guard !segment.isEmpty, segment != ".", segment != "..",
                segment.unicodeScalars.allSatisfy({ plain.contains($0) })
            else { return nil }
        }
        return host
    }

    /// Whether the list allows this host: `https` entries (a bare host or `*.domain`) always, `http://` entries
    /// also over plain http.
    package static func isAllowed(host: String, plainHTTP: Bool, allowed: [String]) -> Bool {
        allowed.contains { entry in
            let isHTTPEntry = entry.lowercased().hasPrefix("http://")
            guard !plainHTTP || isHTTPEntry else { return false }
            let pattern = isHTTPEntry ? String(entry.dropFirst("http://".count)) : entry
            return PlaceholderValues.matches(host, pattern)
        }
    }

    /// Dot-separated DNS labels (an IPv4 address is one too), at most 253 characters.
    package static func isHostName(_ text: String) -> Bool {
        text.count <= 253 && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(PlaceholderValues.isLabel)
    }

    private static func refusal(_ field: String, _ provider: String, _ reason: String) -> KeywayError {
        KeywayError(
            .badGateway, "untrusted_host",
            "The provider reported a '\(field)' that Keyway will not use: it \(reason) (catalog entry '\(provider)').")
    }

    private static func list(_ allowed: [String]) -> String {
        allowed.isEmpty ? "the catalog's hosts (it lists none)" : allowed.joined(separator: ", ")
    }

    /// Provider text as shown in a message: without control characters, and short.
    private static func shown(_ text: String) -> String {
        ProviderText.sanitized(text, limit: 100)
    }
}
