import Foundation

/// Checks a service before it is stored: a known provider, a client, well-formed URLs and scopes.
struct ServiceValidator {
    let catalog: ProviderCatalog

    func validate(_ service: Service) throws(KeywayError) {
        guard !service.provider.isEmpty else {
            throw .invalid("missing_field", "A new service needs 'provider' (a catalog id, or 'custom').")
        }
        guard let provider = catalog.provider(service.provider) else {
            throw .invalid("unknown_provider", "No provider named '\(service.provider)' in the catalog.")
        }
        guard !service.clientId.isEmpty else {
            throw .invalid("missing_field", "A service needs 'clientId'.")
        }
        guard !service.clientSecret.isEmpty else {
            throw .invalid("missing_field", "A service needs 'clientSecret'.")
        }
        guard service.clientId.count <= 512, service.clientSecret.count <= 2048 else {
            throw .invalid("invalid_field", "'clientId' or 'clientSecret' is too long.")
        }
        for scope in service.scopes {
            guard !scope.isEmpty, scope.count <= 512, !scope.contains(where: { $0.isWhitespace }) else {
                throw .invalid("invalid_field", "Each scope is one non-empty word without spaces.")
            }
        }
        let urls: [(String, String?)] = [
            ("authorizationUrl", service.authorizationUrl ?? nonEmpty(provider.authorizationUrl)),
            ("tokenUrl", service.tokenUrl ?? nonEmpty(provider.tokenUrl)),
        ]
        for (name, url) in urls {
            guard let url else {
                throw .invalid("missing_field", "Provider '\(provider.id)' needs '\(name)' on the service.")
            }
            try Self.validate(url: url, field: name)
        }
        if let apiBaseUrl = service.apiBaseUrl { try Self.validate(url: apiBaseUrl, field: "apiBaseUrl") }
        if let issuer = service.issuer {
            // RFC 9207 issuers are https URLs; loopback http is allowed for sandboxes like the other URLs.
            guard issuer.count <= 512 else { throw .invalid("invalid_url", "'issuer' is at most 512 characters.") }
            try Self.validate(url: issuer, field: "issuer")
        }
        for (name, value) in service.authorizationParams {
            guard !name.isEmpty, name.count <= 128, value.count <= 2048 else {
                throw .invalid("invalid_field", "'authorizationParams' holds short string names and values.")
            }
        }
    }

    /// An absolute `https` URL, or `http` on loopback (for sandboxes and local development).
    static func validate(url: String, field: String) throws(KeywayError) {
        let filled = url.replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: "")
        guard let components = URLComponents(string: filled), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty, components.user == nil, components.password == nil
        else {
            throw .invalid("invalid_url", "'\(field)' must be an absolute URL.")
        }
        let loopback = host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "[::1]"
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw .invalid("invalid_url", "'\(field)' must use https (http is allowed on loopback only).")
        }
    }

    private func nonEmpty(_ string: String) -> String? { string.isEmpty ? nil : string }
}
