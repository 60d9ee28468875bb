import Foundation
import KeywayCore
import Testing

/// Each catalog entry's authorization and token endpoints against a second public source: the facts in
/// `Resources/catalog-crosscheck.json`, taken from Nango's `providers.yaml` and grant's `oauth.json` (pinned commits).
@Suite("Catalog cross-check")
struct CatalogCrossCheckTests {
    struct Document: Decodable {
        let sources: [String: String]
        let entries: [String: Entry]
    }

    struct Entry: Decodable {
        let builtFrom: String
        let facts: [Fact]
        let unchecked: String?
    }

    struct Fact: Decodable {
        let source: String
        let key: String
        /// The OAuth endpoints, for OAuth entries.
        let authorization: String?
        let token: String?
        /// The API base URL, for API-key and Basic entries (which have no OAuth endpoints).
        let apiBase: String?
        let differs: String?
    }

    static let document: Document = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Resources/catalog-crosscheck.json")
        do {
            return try JSONDecoder().decode(Document.self, from: Data(contentsOf: url))
        } catch {
            preconditionFailure("catalog-crosscheck.json: \(error)")
        }
    }()

    static let entries = ProviderCatalog.bundled.providers.filter { $0.id != "custom" }

    @Test("every catalog entry has a cross-check record, and every record a catalog entry")
    func coverage() {
        let catalog = Set(Self.entries.map(\.id))
        let recorded = Set(Self.document.entries.keys)
        #expect(catalog.subtracting(recorded).sorted() == [], "entries without a cross-check record")
        #expect(recorded.subtracting(catalog).sorted() == [], "records for entries no longer in the catalog")
        for (id, entry) in Self.document.entries {
            #expect(Self.document.sources[entry.builtFrom] != nil, "\(id): unknown source \(entry.builtFrom)")
            for fact in entry.facts { #expect(Self.document.sources[fact.source] != nil, "\(id): unknown source \(fact.source)") }
        }
    }

    @Test("endpoints agree with every recorded source, unless the difference is explained", arguments: entries)
    func endpoints(provider: Provider) throws {
        let entry = try #require(Self.document.entries[provider.id], "\(provider.id) has no record")
        let authorization = EndpointFact(url: provider.authorizationUrl)
        let token = EndpointFact(url: provider.tokenUrl)
        let apiBase = EndpointFact(url: provider.apiBaseUrl ?? "")
        let oauth = provider.effectiveAuthMode.isOAuth
        for fact in entry.facts {
            let agrees: Bool
            if oauth {
                let recorded = try #require(fact.authorization.flatMap { a in fact.token.map { (a, $0) } }, "\(provider.id): an OAuth fact names both endpoints")
                agrees = authorization.agrees(with: recorded.0) && token.agrees(with: recorded.1)
            } else {
                let recorded = try #require(fact.apiBase, "\(provider.id): a \(provider.effectiveAuthMode.rawValue) fact names apiBase")
                agrees = apiBase.agrees(with: recorded)
            }
            if let reason = fact.differs {
                #expect(!reason.trimmingCharacters(in: .whitespaces).isEmpty, "\(provider.id)")
                #expect(!agrees, "\(provider.id): \(fact.source) now agrees; drop its `differs`")
            } else {
                #expect(agrees, "\(provider.id): \(authorization.text) \(token.text) \(apiBase.text) vs \(fact.source) \(fact.authorization ?? "") \(fact.token ?? "") \(fact.apiBase ?? "")")
            }
        }
    }

    @Test("an entry is checked by a source other than its own, or says why not", arguments: entries)
    func independent(provider: Provider) throws {
        let entry = try #require(Self.document.entries[provider.id])
        let independent = entry.facts.contains { $0.source != entry.builtFrom && $0.differs == nil }
        if let reason = entry.unchecked {
            #expect(!independent, "\(provider.id) is checked after all; drop `unchecked`")
            #expect(reason.count >= 12, "\(provider.id)")
        } else {
            #expect(independent, "\(provider.id): no independent source agrees and no reason is given")
        }
    }

    @Test("the comparison notices a changed host or path")
    func comparisonCanFail() {
        let fact = EndpointFact(url: "https://app.asana.com/-/oauth_authorize")
        #expect(fact.agrees(with: "app.asana.com/-/oauth_authorize"))
        #expect(!fact.agrees(with: "app.asana.com/-/oauth_token"))
        #expect(!fact.agrees(with: "evil.example.com/-/oauth_authorize"))
        let templated = EndpointFact(url: "https://{subdomain}.zendesk.com/oauth/tokens/")
        #expect(templated.agrees(with: "{}.zendesk.com/oauth/tokens"))
        #expect(templated.agrees(with: "contoso.zendesk.com/oauth/tokens"))
        #expect(!templated.agrees(with: "{}.zendesk.org/oauth/tokens"))
    }
}

/// An endpoint as host + path, placeholders written `{}` (matching one path segment or host label run), trailing
/// slash and query dropped, host lower-cased.
struct EndpointFact {
    let text: String

    init(url: String) {
        var rest = url
        if let range = rest.range(of: "://") { rest = String(rest[range.upperBound...]) }
        rest = String(rest.prefix { $0 != "?" && $0 != "#" })
        rest = rest.replacingOccurrences(of: #"\{[A-Za-z0-9_-]+\}"#, with: "{}", options: .regularExpression)
        while rest.hasSuffix("/") { rest.removeLast() }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        text = rest[..<slash].lowercased() + rest[slash...]
    }

    /// Whether a recorded fact names the same endpoint, a `{}` on either side standing for any segment.
    func agrees(with fact: String) -> Bool {
        Self.matches(pattern: text, fact) || Self.matches(pattern: fact, text)
    }

    private static func matches(pattern: String, _ text: String) -> Bool {
        let regex = "^" + pattern.components(separatedBy: "{}").map(NSRegularExpression.escapedPattern(for:))
            .joined(separator: "[^/]+") + "$"
        return text.range(of: regex, options: .regularExpression) != nil
    }
}
