import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// `GET /v1/providers` and `GET /v1/providers/{provider}`: the catalog, usable by a CLI or a dashboard.
@Suite("Providers routes")
struct ProvidersRouteTests {
    static let required = [
        "hubspot", "salesforce", "slack", "github", "gitlab", "bitbucket", "google", "microsoft", "atlassian", "asana",
        "notion", "airtable", "linear", "zendesk", "intercom", "zoom", "dropbox", "box", "shopify", "quickbooks",
        "xero", "pipedrive", "zoho", "monday", "clickup", "figma", "discord", "twitter", "linkedin", "facebook",
        "docusign", "calendly", "mailchimp", "typeform", "outreach", "salesloft", "attio", "front", "spotify",
        "reddit", "twitch", "pagerduty", "webflow", "miro", "smartsheet", "wrike", "gusto", "freshbooks", "harvest",
        "stripe",
    ]

    @Test("the list holds every entry with every field, nulls included, and needs an API key")
    func list() async throws {
        try await Harness.run { h in
            let answer = try await h.http.get("\(h.api)/providers")
            #expect(answer.status == 200)
            let items = try #require(answer.json["items"] as? [[String: Any]])
            #expect(items.count == ProviderCatalog.bundled.providers.count)
            let ids = items.compactMap { $0["id"] as? String }
            #expect(ids == ids.sorted())
            for id in Self.required { #expect(ids.contains(id), "\(id) is missing") }
            let keys: Set<String> = [
                "id", "displayName", "authorizationUrl", "tokenUrl", "refreshUrl", "params", "paramDefaults", "paramValues", "callbackParams",
                "scopeSeparator", "defaultScopes", "pkce", "pkceUnsupported", "issuer", "tokenAuthMethod",
                "authorizationParams", "tokenParams", "refreshParams", "accessTokenPath", "refreshTokenPath",
                "expiresInPath", "metadata", "metadataHosts", "refreshTokens", "defaultTokenLifetime", "apiBaseUrl",
                "tokenPresentation", "rateLimit", "docsUrl", "notes", "authMode", "revocationUrl", "revocationStyle",
                "verificationPath",
            ]
            for item in items { #expect(Set(item.keys) == keys, "\(item["id"] ?? "?")") }

            let anonymous = try await h.http.get("\(h.api)/providers", authorized: false)
            #expect(anonymous.status == 401)
        }
    }

    @Test("?search= keeps the entries whose id or name holds the text, ignoring case; bad searches get 400")
    func search() async throws {
        try await Harness.run { h in
            let answer = try await h.http.get("\(h.api)/providers?search=HuB")
            #expect(answer.status == 200)
            let ids = try #require(answer.json["items"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(ids == ProviderCatalog.bundled.providers(matching: "hub").map(\.id))
            #expect(ids.contains("hubspot") && ids.contains("github") && !ids.contains("asana"))

            let none = try await h.http.get("\(h.api)/providers?search=no-such-provider")
            #expect(none.status == 200)
            #expect((none.json["items"] as? [Any])?.isEmpty == true)

            let long = try await h.http.get("\(h.api)/providers?search=\(String(repeating: "a", count: 101))")
            #expect(long.status == 400)
            #expect(long.errorCode == "invalid_search")
            let twice = try await h.http.get("\(h.api)/providers?search=hub&search=git")
            #expect(twice.status == 400)
            #expect(twice.errorCode == "invalid_search")
        }
    }

    @Test("one entry shows its templates, params, quirks and the documentation it was taken from")
    func one() async throws {
        try await Harness.run { h in
            let zendesk = try await h.providerJSON("zendesk")
            #expect(zendesk["params"] as? [String] == ["subdomain"])
            #expect((zendesk["authorizationUrl"] as? String)?.contains("{subdomain}") == true)
            #expect((zendesk["docsUrl"] as? String)?.hasPrefix("https://") == true)

            let salesforce = try await h.providerJSON("salesforce")
            #expect(salesforce["apiBaseUrl"] as? String == "{instance_url}")
            #expect((salesforce["metadata"] as? [String: [String]])?["response"]?.contains("instance_url") == true)
            #expect(salesforce["defaultTokenLifetime"] as? Int == 7200)

            let slackUser = try await h.providerJSON("slack-user")
            #expect(slackUser["accessTokenPath"] as? String == "authed_user.access_token")

            let custom = try await h.providerJSON("custom")
            #expect(custom["docsUrl"] is NSNull)

            let missing = try await h.http.get("\(h.api)/providers/nope")
            #expect(missing.status == 404)
            #expect(missing.errorCode == "provider_not_found")
        }
    }
}
