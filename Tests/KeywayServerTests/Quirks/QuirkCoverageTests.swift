import Foundation
import KeywayCore
import Testing

/// Every quirk class the bundled catalog uses has a named flow test; a new class (a new `resetKind`, say) without
/// one fails here until a test is written and listed.
@Suite("Quirk coverage")
struct QuirkCoverageTests {
    /// The quirk classes an entry uses, derived from its fields.
    static func classes(of provider: Provider) -> Set<String> {
        var classes: Set<String> = []
        if provider.refreshUrl != nil { classes.insert("separate refresh URL") }
        if !provider.tokenParams.isEmpty || !provider.refreshParams.isEmpty { classes.insert("extra token or refresh parameters") }
        classes.insert("refresh tokens: \(provider.refreshTokens.rawValue)")
        if provider.scopeSeparator != " " { classes.insert("scope separator '\(provider.scopeSeparator)'") }
        if provider.tokenAuthMethod == .clientSecretBasic { classes.insert("client authentication by HTTP Basic") }
        if provider.accessTokenPath.contains(".") { classes.insert("nested token") }
        if !provider.metadata.response.isEmpty { classes.insert("metadata from the token answer") }
        if !provider.metadata.callback.isEmpty { classes.insert("metadata from the callback") }
        if provider.tokenPresentation != .bearer { classes.insert("token in a named header") }
        if provider.defaultTokenLifetime != nil { classes.insert("default token lifetime") }
        if !provider.params.isEmpty { classes.insert("templated URLs") }
        if !provider.callbackParams.isEmpty { classes.insert("param from the callback") }
        if provider.issuer != nil { classes.insert("issuer") }
        if let kind = provider.rateLimit?.resetKind { classes.insert("rate-limit reset: \(kind.rawValue)") }
        return classes
    }

    /// Each class and the flow test (file and function under Tests/KeywayServerTests) that proves it.
    static let covered: [String: (file: String, function: String)] = [
        "separate refresh URL": ("Quirks/GrantQuirkFlowTests.swift", "separateRefreshURL"),
        "extra token or refresh parameters": ("Quirks/GrantQuirkFlowTests.swift", "extraParameters"),
        "refresh tokens: none": ("Quirks/GrantQuirkFlowTests.swift", "noRefreshTokens"),
        "refresh tokens: rotates": ("Quirks/RefreshRotationFlowTests.swift", "refreshTwice"),
        "refresh tokens: static": ("Quirks/RefreshRotationFlowTests.swift", "refreshTwice"),
        "scope separator ','": ("Quirks/ScopeSeparatorFlowTests.swift", "commaJoined"),
        "client authentication by HTTP Basic": ("Quirks/ClientAuthenticationFlowTests.swift", "basic"),
        "nested token": ("Quirks/NestedTokenFlowTests.swift", "slackUserToken"),
        "metadata from the token answer": ("Quirks/MetadataFlowTests.swift", "instanceURL"),
        "metadata from the callback": ("Quirks/MetadataFlowTests.swift", "realmId"),
        "token in a named header": ("Quirks/TokenPresentationFlowTests.swift", "headerNotBearer"),
        "default token lifetime": ("Quirks/TokenLifetimeFlowTests.swift", "defaultLifetime"),
        "templated URLs": ("Quirks/TemplatedProviderTests.swift", "hostParams"),
        "param from the callback": ("Quirks/TemplatedProviderTests.swift", "zohoCallbackHost"),
        "issuer": ("TrustBoundary/IssuerTests.swift", "rightIssuer"),
        "rate-limit reset: delay_seconds": ("Quirks/RateLimitFlowTests.swift", "honoured"),
        "rate-limit reset: delay_milliseconds": ("Quirks/RateLimitFlowTests.swift", "honoured"),
        "rate-limit reset: epoch_seconds": ("Quirks/RateLimitFlowTests.swift", "honoured"),
        "rate-limit reset: epoch_milliseconds": ("Quirks/RateLimitFlowTests.swift", "honoured"),
    ]

    @Test("every quirk class in the catalog maps to a flow test that exists")
    func everyClassHasAFlowTest() throws {
        let used = ProviderCatalog.bundled.providers.filter { $0.id != "custom" }.reduce(into: Set<String>()) {
            $0.formUnion(Self.classes(of: $1))
        }
        let missing = used.subtracting(Self.covered.keys).sorted()
        #expect(missing == [], "quirk classes without a flow test: \(missing)")
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        for (name, test) in Self.covered {
            let source = try String(contentsOf: tests.appendingPathComponent(test.file), encoding: .utf8)
            #expect(source.contains("func \(test.function)("), "\(name): \(test.file) has no func \(test.function)")
        }
    }

    @Test("the derivation sees the quirks the issue names")
    func derivation() throws {
        let catalog = ProviderCatalog.bundled
        #expect(Self.classes(of: try #require(catalog.provider("figma"))).contains("separate refresh URL"))
        #expect(Self.classes(of: try #require(catalog.provider("basecamp"))).contains("extra token or refresh parameters"))
        #expect(Self.classes(of: try #require(catalog.provider("stackexchange"))).contains("refresh tokens: none"))
        #expect(Self.classes(of: try #require(catalog.provider("hubspot"))).contains("rate-limit reset: delay_milliseconds"))
    }
}
