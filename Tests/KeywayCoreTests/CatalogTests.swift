import Foundation
import KeywayCore
import Testing

@Suite("Catalog")
struct CatalogTests {
    /// Every bundled entry but Keyway's own `custom`.
    static let entries = ProviderCatalog.bundled.providers.filter { $0.id != "custom" }

    /// The providers issue 6 requires, by catalog id (X is `twitter`).
    static let required = [
        "hubspot", "salesforce", "slack", "github", "gitlab", "bitbucket", "google", "microsoft", "atlassian", "asana",
        "notion", "airtable", "linear", "zendesk", "intercom", "zoom", "dropbox", "box", "shopify", "quickbooks",
        "xero", "pipedrive", "zoho", "monday", "clickup", "figma", "discord", "twitter", "linkedin", "facebook",
        "docusign", "calendly", "mailchimp", "typeform", "outreach", "salesloft", "attio", "front", "spotify",
        "reddit", "twitch", "pagerduty", "webflow", "miro", "smartsheet", "wrike", "gusto", "freshbooks", "harvest",
        "stripe",
    ]

    @Test("at least 200 providers, ids unique and well formed, every required provider present")
    func inventory() throws {
        #expect(Self.entries.count >= 200)
        let ids = Self.entries.map(\.id)
        // The catalog keeps the first of duplicate ids, so uniqueness is judged on the file itself.
        let rawIds = try Self.rawEntries().map(\.id)
        #expect(Set(rawIds).count == rawIds.count, "duplicate ids in providers.json")
        #expect(rawIds.count == ids.count)
        for id in ids {
            #expect(id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil, "\(id)")
        }
        for id in Self.required { #expect(ids.contains(id), "\(id) is missing") }
    }

    @Test("every entry in providers.json has exactly the schema's keys", arguments: try rawEntries())
    func schemaKeys(entry: RawEntry) throws {
        let keys: Set<String> = [
            "id", "displayName", "authorizationUrl", "tokenUrl", "refreshUrl", "params", "paramDefaults", "paramValues", "callbackParams",
            "scopeSeparator", "defaultScopes", "pkce", "pkceUnsupported", "issuer", "tokenAuthMethod",
            "authorizationParams", "tokenParams", "refreshParams", "accessTokenPath", "refreshTokenPath", "expiresInPath",
            "metadata", "metadataHosts", "refreshTokens", "defaultTokenLifetime", "apiBaseUrl", "tokenPresentation",
            "rateLimit", "docsUrl", "notes",
        ]
        // Fields of auth modes and revocation: absent means the OAuth 2 code flow without revocation.
        let optional: Set<String> = ["authMode", "revocationUrl", "revocationStyle", "verificationPath"]
        let extra = entry.keys.subtracting(keys).subtracting(optional)
        #expect(keys.isSubset(of: entry.keys) && extra.isEmpty, "\(entry.id): \(keys.subtracting(entry.keys).union(extra).sorted())")
    }

    @Test("required fields are present and non-empty; names, paths and lifetimes are sane", arguments: entries)
    func fields(provider: Provider) throws {
        let id = provider.id
        #expect(!provider.displayName.trimmingCharacters(in: .whitespaces).isEmpty, "\(id)")
        let mode = provider.effectiveAuthMode
        // The code flow needs both OAuth endpoints, client credentials the token endpoint; API keys and Basic none.
        if mode.usesConsent { #expect(!provider.authorizationUrl.isEmpty, "\(id)") }
        if mode.isOAuth { #expect(!provider.tokenUrl.isEmpty, "\(id)") }
        #expect(TokenAuthMethod.allCases.contains(provider.tokenAuthMethod), "\(id)")
        for path in [provider.accessTokenPath, provider.refreshTokenPath, provider.expiresInPath] {
            #expect(!path.isEmpty && !path.split(separator: ".", omittingEmptySubsequences: false).contains(""), "\(id): \(path)")
        }
        if let lifetime = provider.defaultTokenLifetime {
            #expect(lifetime > 0, "\(id)")
            #expect(provider.refreshTokens != .none, "\(id): a default lifetime without refresh tokens strands the token")
        }
        let reserved: Set<String> = [
            "client_id", "client_secret", "redirect_uri", "code", "state", "code_challenge", "code_challenge_method",
            "code_verifier", "grant_type", "refresh_token", "response_type", "scope",
        ]
        for extra in [provider.authorizationParams, provider.tokenParams, provider.refreshParams] {
            #expect(reserved.isDisjoint(with: extra.keys), "\(id) overrides a protocol parameter")
        }
        if let notes = provider.notes { #expect(!notes.trimmingCharacters(in: .whitespaces).isEmpty, "\(id)") }
    }

    @Test("scopes: a sensible separator, default scopes free of it and unique", arguments: entries)
    func scopes(provider: Provider) throws {
        #expect([" ", ","].contains(provider.scopeSeparator), "\(provider.id): '\(provider.scopeSeparator)'")
        for scope in provider.defaultScopes {
            #expect(!scope.isEmpty && !scope.contains(where: \.isWhitespace) && !scope.contains(provider.scopeSeparator), "\(provider.id): \(scope)")
        }
        #expect(Set(provider.defaultScopes).count == provider.defaultScopes.count, "\(provider.id)")
    }

    @Test("endpoint URLs: https, placeholders declared in params, fixed query parameters kept out", arguments: entries)
    func endpoints(provider: Provider) throws {
        let params = Set(provider.params)
        #expect(params.count == provider.params.count, "\(provider.id): duplicate params")
        for url in [provider.authorizationUrl, provider.tokenUrl] + [provider.refreshUrl].compactMap({ $0 })
        where provider.effectiveAuthMode.isOAuth || !url.isEmpty {
            #expect(url.hasPrefix("https://"), "\(provider.id): \(url)")
            #expect(!url.contains("?") && !url.contains("#"), "\(provider.id): \(url)")
            for name in URLTemplate.placeholders(in: url) {
                #expect(params.contains(name), "\(provider.id): {\(name)} is not in params")
            }
        }
        for (name, value) in provider.paramDefaults {
            #expect(params.contains(name), "\(provider.id): default for undeclared \(name)")
            #expect(throws: Never.self, "\(provider.id): default \(name)=\(value)") {
                try URLTemplate.validate(param: name, value: value)
            }
        }
        let used = Set(
            ([provider.authorizationUrl, provider.tokenUrl, provider.refreshUrl ?? "", provider.apiBaseUrl ?? ""])
                .flatMap(URLTemplate.placeholders(in:)))
        for name in params { #expect(used.contains(name), "\(provider.id): param \(name) is used in no URL") }
    }

    @Test("a param that is a whole host, or a host's end, lists its values; every listed value is accepted", arguments: entries)
    func paramValues(provider: Provider) throws {
        let service = Service(id: "svc", provider: provider.id, clientId: "id", clientSecret: "secret")
        let templates = ServiceURLTemplates(service: service, provider: provider).all
        for name in provider.paramValues.keys { #expect(provider.params.contains(name), "\(provider.id): \(name)") }
        for name in provider.callbackParams.keys { #expect(provider.params.contains(name), "\(provider.id): \(name)") }
        for name in provider.params where provider.paramValues[name] == nil {
            #expect(throws: Never.self, "\(provider.id): {\(name)} must take a label or list its values") {
                try PlaceholderValues.validate(name: name, value: "contoso", templates: templates, allowed: nil)
            }
        }
        for (name, values) in provider.paramValues {
            for value in values where !value.hasPrefix("*.") {
                try PlaceholderValues.validate([name: value], service: service, provider: provider)
            }
        }
        for (name, value) in provider.paramDefaults {
            try PlaceholderValues.validate([name: value], service: service, provider: provider)
        }
    }

    @Test("endpoints resolve to https URLs on a real host once params are given", arguments: entries)
    func resolvable(provider: Provider) throws {
        // API-key and Basic entries have no OAuth endpoints; their API base URL is checked below.
        guard provider.effectiveAuthMode.isOAuth else { return }
        var sample: [String: String] = [:]
        let templates = [provider.authorizationUrl, provider.tokenUrl, provider.refreshUrl ?? ""]
        for name in provider.params where provider.paramDefaults[name] == nil {
            // A placeholder that is the whole host (Auth0's, Okta's {domain}) takes a domain name.
            sample[name] = templates.contains { $0.contains("://{\(name)}/") } ? "contoso.example.com" : "contoso"
        }
        let service = Service(id: "svc", provider: provider.id, clientId: "id", clientSecret: "secret")
        let configuration = try OAuthClientConfiguration(service: service, provider: provider, params: sample)
        for url in [configuration.authorizationUrl, configuration.tokenUrl, configuration.refreshUrl] {
            let components = try #require(URLComponents(string: url), "\(provider.id): \(url)")
            #expect(components.scheme == "https", "\(provider.id): \(url)")
            #expect(components.host?.contains(".") == true, "\(provider.id): \(url)")
            #expect(!url.contains("{"), "\(provider.id): \(url)")
        }
        let request = AuthorizationRequest(
            configuration: configuration, redirectUri: "https://keyway.example/v1/oauth/callback", state: "s",
            codeVerifier: configuration.pkce ? PKCE.makeVerifier() : nil)
        #expect(URLComponents(string: request.url)?.queryItems?.contains { $0.name == "client_id" } == true)
        if !provider.params.isEmpty, provider.params.contains(where: { provider.paramDefaults[$0] == nil }) {
            #expect(throws: KeywayError.self, "\(provider.id) resolves without its params") {
                _ = try OAuthClientConfiguration(service: service, provider: provider, params: [:])
            }
        }
    }

    @Test("API base URL: https (or a metadata URL), placeholders from params or metadata", arguments: entries)
    func apiBase(provider: Provider) throws {
        guard let api = provider.apiBaseUrl else { return }
        let names = URLTemplate.placeholders(in: api)
        let metadata = Set(provider.metadata.response + provider.metadata.callback)
        if api.hasPrefix("{") {
            let leading = try #require(names.first)
            #expect(provider.metadata.response.contains(leading), "\(provider.id): a leading {\(leading)} must be a URL from the token answer")
        } else {
            #expect(api.hasPrefix("https://"), "\(provider.id): \(api)")
        }
        for name in names {
            #expect(provider.params.contains(name) || metadata.contains(name), "\(provider.id): {\(name)} is not declared")
        }
    }

    @Test("a token-answer field that fills a URL or a whole host lists its hosts (https only); every list is used", arguments: entries)
    func metadataHosts(provider: Provider) throws {
        let service = Service(id: "svc", provider: provider.id, clientId: "id", clientSecret: "secret")
        let templates = ServiceURLTemplates(service: service, provider: provider).all
        let hosts = provider.metadataHosts ?? [:]
        for field in provider.metadata.response {
            for template in templates where URLTemplate.placeholders(in: template).contains(field) {
                let position = MetadataHosts.position(of: field, in: template)
                guard position == .url || position == .host else { continue }
                #expect(hosts[field]?.isEmpty == false, "\(provider.id): {\(field)} chooses a host without a list")
                // Fail closed: without its list, no value is accepted where it chooses the host.
                var bare = provider
                bare.metadataHosts = nil
                #expect(throws: KeywayError.self, "\(provider.id): {\(field)} accepted without a list") {
                    let value = position == .url ? "https://api.example.com" : "api.example.com"
                    try MetadataHosts.validate([field: value], service: service, provider: bare)
                }
            }
        }
        for (field, patterns) in hosts {
            #expect(provider.metadata.response.contains(field), "\(provider.id): \(field) is not response metadata")
            #expect(templates.contains { URLTemplate.placeholders(in: $0).contains(field) }, "\(provider.id): \(field) fills no URL")
            for pattern in patterns {
                #expect(!pattern.contains("://"), "\(provider.id): \(pattern) (the bundled catalog allows https only)")
                let host = pattern.hasPrefix("*.") ? String(pattern.dropFirst(2)) : pattern
                #expect(host.split(separator: ".").count >= 2 && MetadataHosts.isHostName(host), "\(provider.id): \(pattern)")
                #expect(!["127.0.0.1", "localhost"].contains(host), "\(provider.id): \(pattern)")
            }
        }
    }

    @Test("metadata fields never share a name with a param (they would overwrite it at refresh)", arguments: entries)
    func metadataNames(provider: Provider) throws {
        let fields = provider.metadata.response + provider.metadata.callback
        #expect(Set(fields).isDisjoint(with: provider.params), "\(provider.id): \(fields) vs \(provider.params)")
        for field in fields {
            #expect(!field.isEmpty && !field.contains(where: \.isWhitespace), "\(provider.id): '\(field)'")
        }
    }

    @Test("token presentation and rate-limit headers are valid header names", arguments: entries)
    func headers(provider: Provider) throws {
        let token = #"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"#
        let presentation = provider.tokenPresentation
        #expect(presentation.header.range(of: token, options: .regularExpression) != nil, "\(provider.id)")
        #expect(presentation.prefix.isEmpty || presentation.prefix.hasSuffix(" "), "\(provider.id)")
        guard let rate = provider.rateLimit else { return }
        let names = [rate.limitHeader, rate.remainingHeader, rate.resetHeader].compactMap { $0 }
        #expect(!names.isEmpty, "\(provider.id): use null for no rate-limit headers")
        for name in names { #expect(name.range(of: token, options: .regularExpression) != nil, "\(provider.id): \(name)") }
        #expect((rate.resetHeader == nil) == (rate.resetKind == nil), "\(provider.id)")
    }

    @Test("PKCE (S256) for every entry, unless it names where the provider documents refusing it", arguments: entries)
    func pkce(provider: Provider) {
        if provider.pkce {
            #expect(provider.pkceUnsupported == nil, "\(provider.id): pkceUnsupported is only for entries without PKCE")
        } else {
            let source = provider.pkceUnsupported?.trimmingCharacters(in: .whitespaces) ?? ""
            #expect(source.count >= 12, "\(provider.id) runs without PKCE but names no source for the provider's refusal")
        }
    }

    @Test("a recorded issuer is an https URL whose placeholders are params", arguments: entries)
    func issuer(provider: Provider) throws {
        guard let issuer = provider.issuer else { return }
        #expect(issuer.hasPrefix("https://"), "\(provider.id): \(issuer)")
        #expect(Set(URLTemplate.placeholders(in: issuer)).isSubset(of: Set(provider.params)), "\(provider.id)")
    }

    @Test("API-key and Basic entries: an https API base URL, where the credential goes, no OAuth fields, a relative verification GET", arguments: entries.filter { !$0.effectiveAuthMode.isOAuth })
    func credentialEntries(provider: Provider) throws {
        let id = provider.id
        let base = try #require(provider.apiBaseUrl, "\(id): an API-key or Basic entry needs apiBaseUrl")
        #expect(base.hasPrefix("https://") && !base.contains("?"), "\(id): \(base)")
        let placement = CredentialPlacement.of(
            credential: "k", mode: provider.effectiveAuthMode, presentation: provider.tokenPresentation)
        switch placement {
        case .header(let name, let value): #expect(!name.isEmpty && value.hasSuffix("k"), "\(id)")
        case .query(let name, _): #expect(!name.isEmpty, "\(id)")
        }
        if provider.effectiveAuthMode == .basic { #expect(placement == .header(name: "Authorization", value: "Basic k"), "\(id)") }
        #expect(provider.authorizationUrl.isEmpty && provider.tokenUrl.isEmpty && provider.refreshUrl == nil, "\(id)")
        #expect(provider.defaultScopes.isEmpty && provider.refreshTokens == .none, "\(id)")
        #expect(provider.revocationUrl == nil && provider.issuer == nil && provider.metadata.response.isEmpty, "\(id)")
        if let path = provider.verificationPath {
            #expect(!path.hasPrefix("/") && !path.contains("://") && !path.contains("..") && !path.contains("#"), "\(id): \(path)")
            let allowed = Set(provider.params).union(provider.effectiveAuthMode == .basic ? ["username"] : [])
            for name in URLTemplate.placeholders(in: path) { #expect(allowed.contains(name), "\(id): {\(name)}") }
        }
        // The API base URL resolves to an https URL on a real host once params are given.
        let sample = Dictionary(uniqueKeysWithValues: provider.params.map { ($0, "contoso") })
        let resolved = try URLTemplate.fill(base, with: provider.paramDefaults.merging(sample) { _, new in new })
        #expect(URLComponents(string: resolved)?.host?.contains(".") == true && !resolved.contains("{"), "\(id): \(resolved)")
    }

    @Test("the catalog has real API-key and Basic entries, each verified where the provider has a GET for it")
    func credentialInventory() throws {
        let catalog = ProviderCatalog.bundled
        let keys = catalog.providers.filter { $0.authMode == .apiKey }.map(\.id)
        let basic = catalog.providers.filter { $0.authMode == .basic }.map(\.id)
        for id in ["sendgrid", "stripe-api-key", "postmark", "airtable-pat", "notion-internal", "linear-api-key", "openai"] {
            #expect(keys.contains(id), "\(id)")
        }
        for id in ["twilio", "jira-api-token", "mailchimp-api-key", "zendesk-api-token", "mailgun"] { #expect(basic.contains(id), "\(id)") }
        #expect(catalog.provider("sendgrid")?.verificationPath == "v3/user/account")
        #expect(catalog.provider("stripe-api-key")?.verificationPath == "v1/balance")
        #expect(catalog.provider("twilio")?.verificationPath == "2010-04-01/Accounts/{username}.json")
        #expect(catalog.provider("postmark")?.tokenPresentation == .init(header: "X-Postmark-Server-Token", prefix: ""))
        #expect(catalog.provider("linear-api-key")?.tokenPresentation == .init(header: "Authorization", prefix: ""))
    }

    @Test("every entry names the https documentation it was taken from", arguments: entries)
    func docs(provider: Provider) throws {
        let docs = try #require(provider.docsUrl, "\(provider.id)")
        #expect(docs.hasPrefix("https://") && !docs.contains("{"), "\(provider.id): \(docs)")
        #expect(URLComponents(string: docs)?.host?.contains(".") == true, "\(provider.id): \(docs)")
    }

    @Test("HubSpot points at the current token endpoint")
    func hubspot() throws {
        let hubspot = try #require(ProviderCatalog.bundled.provider("hubspot"))
        #expect(hubspot.authorizationUrl == "https://app.hubspot.com/oauth/authorize")
        #expect(hubspot.tokenUrl == "https://api.hubapi.com/oauth/2026-03/token")
        #expect(hubspot.tokenAuthMethod == .clientSecretPost)
        #expect(hubspot.apiBaseUrl == "https://api.hubapi.com")
    }

    @Test("the quirks the issue names are in the entries")
    func quirks() throws {
        let catalog = ProviderCatalog.bundled
        let slackUser = try #require(catalog.provider("slack-user"))
        #expect(slackUser.accessTokenPath == "authed_user.access_token")
        let salesforce = try #require(catalog.provider("salesforce"))
        #expect(salesforce.metadata.response.contains("instance_url"))
        #expect(salesforce.apiBaseUrl == "{instance_url}")
        #expect(salesforce.defaultTokenLifetime == 7200)
        #expect(try #require(catalog.provider("quickbooks")).metadata.callback == ["realmId"])
        #expect(try #require(catalog.provider("zoho")).metadata.response.contains("api_domain"))
        let shopify = try #require(catalog.provider("shopify"))
        #expect(shopify.tokenPresentation == .init(header: "X-Shopify-Access-Token", prefix: ""))
        #expect(shopify.authorizationUrl == "https://{shop}.myshopify.com/admin/oauth/authorize")
        #expect(shopify.scopeSeparator == ",")
        #expect(try #require(catalog.provider("xero")).tokenAuthMethod == .clientSecretBasic)
    }

    /// The raw entries of `providers.json`, read from the source tree.
    static func rawEntries() throws -> [RawEntry] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/KeywayCore/Resources/providers.json")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[String: Any]])
        return array.map { RawEntry(id: $0["id"] as? String ?? "?", keys: Set($0.keys)) }
    }
}

/// One entry of `providers.json` as raw JSON: its id and its keys.
struct RawEntry: Sendable, CustomTestStringConvertible {
    let id: String
    let keys: Set<String>
    var testDescription: String { id }
}

extension Provider: CustomTestStringConvertible {
    public var testDescription: String { id }
}
