import Foundation

/// The checks on values that a session (or a callback) supplies for a service's URL placeholders.
///
/// Such a value comes from the app's request, and so perhaps from a browser: it must never choose where the
/// client secret, a refresh token or an access token is sent. So:
/// - a session may fill only the provider's declared params (and the placeholders of the service's own URLs);
/// - a value that lands in a host is one DNS label in front of a fixed domain (`{shop}.myshopify.com`), or
///   one of the values the catalog lists for it (`paramValues`: `accounts.zoho.eu`, `*.okta.com`);
/// - a placeholder that is a whole host, or a host's end, without such a list cannot be filled by a session
///   at all: the operator sets the service's URLs instead (a self-managed GitLab, say).
public enum PlaceholderValues {
    /// Checks a session's params: each must be a placeholder a session may fill, with a value that is safe
    /// wherever it lands.
    public static func validate(_ params: [String: String], service: Service, provider: Provider) throws(KeywayError) {
        let overrides = [service.authorizationUrl, service.tokenUrl, service.apiBaseUrl].compactMap { $0 }
        let fillable = Set(provider.params + overrides.flatMap(URLTemplate.placeholders(in:)))
        let templates = ServiceURLTemplates(service: service, provider: provider).all
        for (name, value) in params.sorted(by: { $0.key < $1.key }) {
            guard fillable.contains(name) else {
                let accepted = fillable.isEmpty ? "none" : fillable.sorted().joined(separator: ", ")
                throw .invalid(
                    "unknown_param", "'\(name)' is not a parameter of this service's URLs (it takes: \(accepted)).")
            }
            try validate(name: name, value: value, templates: templates, allowed: provider.paramValues[name])
        }
    }

    /// The params a callback gives (``Provider/callbackParams``), checked like a session's: a URL value gives
    /// its host.
    public static func fromCallback(_ query: [String: String], service: Service, provider: Provider) throws(KeywayError)
        -> [String: String]
    {
        let templates = ServiceURLTemplates(service: service, provider: provider).all
        var params: [String: String] = [:]
        for (name, field) in provider.callbackParams.sorted(by: { $0.key < $1.key }) {
            guard let raw = query[field], !raw.isEmpty else { continue }
            let value = raw.contains("://") ? URLComponents(string: raw)?.host ?? raw : raw
            try validate(name: name, value: value, templates: templates, allowed: provider.paramValues[name])
            params[name] = value
        }
        return params
    }

    /// The callback values the provider keeps as metadata (``Provider/MetadataFields/callback``). One that fills
    /// a placeholder (QuickBooks' realmId in the API base URL) is checked like a session's value, since the
    /// browser could have changed it.
    public static func callbackMetadata(_ query: [String: String], service: Service, provider: Provider)
        throws(KeywayError) -> [String: String]
    {
        let templates = ServiceURLTemplates(service: service, provider: provider).all
        var metadata: [String: String] = [:]
        for field in provider.metadata.callback {
            guard let value = query[field] else { continue }
            if templates.contains(where: { URLTemplate.placeholders(in: $0).contains(field) }) {
                try validate(name: field, value: value, templates: templates, allowed: provider.paramValues[field])
            }
            metadata[field] = value
        }
        return metadata
    }

    /// Checks one value for one placeholder of these templates.
    ///
    /// - Parameter allowed: the values the catalog lists for it: exact hosts or values, or `*.domain` for any
    ///   host under that domain.
    public static func validate(name: String, value: String, templates: [String], allowed: [String]?)
        throws(KeywayError)
    {
        try URLTemplate.validate(param: name, value: value)
        if let allowed {
            guard allowed.contains(where: { matches(value, $0) }) else {
                throw .invalid(
                    "invalid_param", "The parameter '\(name)' must be one of: \(allowed.joined(separator: ", ")).")
            }
            return
        }
        let positions = templates.compactMap { hostPosition(of: name, in: $0) }
        guard !positions.isEmpty else { return }
        guard positions.allSatisfy({ $0 == .label }) else {
            throw .invalid(
                "invalid_param",
                "The parameter '\(name)' names a whole host, which a session may not choose; set the service's URLs instead.")
        }
        guard isLabel(value[...]) else {
            throw .invalid("invalid_param", "The parameter '\(name)' must be one DNS label: letters, digits and '-'.")
        }
    }

    /// Where a placeholder sits in a template's host.
    enum HostPosition: Equatable {
        /// In front of a fixed domain: `{shop}.myshopify.com`.
        case label
        /// The whole host, or its end: `{domain}`, `app.smartsheet.{region}`, a whole-URL `{instance_url}`.
        case open
    }

    /// The placeholder's position in the template's authority, or nil when it is not there.
    static func hostPosition(of name: String, in template: String) -> HostPosition? {
        let start = template.range(of: "://")?.upperBound ?? template.startIndex
        let rest = template[start...]
        let authority = rest[..<(rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex)]
        guard let placeholder = authority.range(of: "{\(name)}") else { return nil }
        let after = authority[placeholder.upperBound...]
        // A fixed domain of at least two labels follows, with nothing else to fill: `.myshopify.com`.
        let domain = after.dropFirst()
        if after.first == ".", !domain.contains("{"), domain.contains("."),
            domain.split(separator: ":").first.map({ $0.split(separator: ".").allSatisfy(isLabel) }) == true
        {
            return .label
        }
        return .open
    }

    /// Whether a value matches an allowed entry: equal (ignoring case), or a host under `*.domain`.
    static func matches(_ value: String, _ entry: String) -> Bool {
        let value = value.lowercased()
        let entry = entry.lowercased()
        guard entry.hasPrefix("*.") else { return value == entry }
        let domain = entry.dropFirst(1)
        guard value.hasSuffix(domain), value.count > domain.count else { return false }
        return value.dropLast(domain.count).split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isLabel)
    }

    /// Whether the text is one DNS label: 1–63 letters, digits or '-', not starting or ending with '-'.
    static func isLabel(_ text: Substring) -> Bool {
        guard (1...63).contains(text.count), text.first != "-", text.last != "-" else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }
    }
}
