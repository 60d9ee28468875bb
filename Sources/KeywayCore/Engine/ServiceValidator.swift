import Foundation

/// Checks a service before it is stored: a known provider, a client, well-formed URLs and scopes.
struct ServiceValidator {
    let catalog: ProviderCatalog
    let outboundURLs: OutboundURLPolicy

    func validate(_ service: Service) throws(KeywayError) {
        guard !service.provider.isEmpty else {
            throw .invalid("missing_field", "A new service needs 'provider' (a catalog id, or 'custom').")
        }
        guard let provider = catalog.provider(service.provider) else {
            throw .invalid("unknown_provider", "No provider named '\(service.provider)' in the catalog.")
        }
        let mode = service.effectiveAuthMode(provider: provider)
        // API-key and Basic services hold no OAuth client; a client-credentials service may leave the client to
        // each identity (a customer's own app).
        if mode == .oauth2 {
            guard !service.clientId.isEmpty else {
                throw .invalid("missing_field", "A service needs 'clientId'.")
            }
            guard !service.clientSecret.isEmpty else {
                throw .invalid("missing_field", "A service needs 'clientSecret'.")
            }
        }
        guard service.clientId.count <= 512, service.clientSecret.count <= 2048 else {
            throw .invalid("invalid_field", "'clientId' or 'clientSecret' is too long.")
        }
        for scope in service.scopes {
            guard !scope.isEmpty, scope.count <= 512, !scope.contains(where: { $0.isWhitespace }) else {
                throw .invalid("invalid_field", "Each scope is one non-empty word without spaces.")
            }
        }
        var urls: [(String, String?)] = []
        if mode == .oauth2 {
            urls.append(("authorizationUrl", service.authorizationUrl ?? nonEmpty(provider.authorizationUrl)))
        } else if let url = service.authorizationUrl {
            urls.append(("authorizationUrl", url))
        }
        if mode.isOAuth {
            urls.append(("tokenUrl", service.tokenUrl ?? nonEmpty(provider.tokenUrl)))
        } else if let url = service.tokenUrl {
            urls.append(("tokenUrl", url))
        }
        for (name, url) in urls {
            guard let url else {
                throw .invalid("missing_field", "Provider '\(provider.id)' needs '\(name)' on the service.")
            }
            try outboundURLs.check(url, field: name)
        }
        if let apiBaseUrl = service.apiBaseUrl { try outboundURLs.check(apiBaseUrl, field: "apiBaseUrl") }
        if let revocationUrl = service.revocationUrl { try outboundURLs.check(revocationUrl, field: "revocationUrl") }
        if let issuer = service.issuer {
            // RFC 9207 issuers are https URLs; loopback http is allowed for sandboxes like the other URLs. An
            // issuer is compared, never fetched, so any address will do.
            guard issuer.count <= 512 else { throw .invalid("invalid_url", "'issuer' is at most 512 characters.") }
            try OutboundURLPolicy.anyAddress.check(issuer, field: "issuer")
        }
        for (name, value) in service.authorizationParams {
            guard !name.isEmpty, name.count <= 128, value.count <= 2048 else {
                throw .invalid("invalid_field", "'authorizationParams' holds short string names and values.")
            }
        }
    }

    private func nonEmpty(_ string: String) -> String? { string.isEmpty ? nil : string }
}
