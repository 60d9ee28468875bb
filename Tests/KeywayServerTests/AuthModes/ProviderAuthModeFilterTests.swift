import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// The catalog route filters by auth mode.
@Suite("Auth modes: provider filter")
struct AuthModeClientsTests {
    @Test("GET /v1/providers?authMode= keeps the entries of one mode; an unknown mode is refused")
    func providerFilter() async throws {
        try await Harness.run(catalog: AuthModeCatalog.catalog) { h in
            let keys = try await h.http.get("\(h.api)/providers?authMode=api_key")
            let ids = (keys.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(Set(ids) == Set(["test-key-header", "test-key-query"]).union(
                ProviderCatalog.bundled.providers.filter { $0.authMode == .apiKey }.map(\.id)))
            let bad = try await h.http.get("\(h.api)/providers?authMode=magic")
            #expect(bad.status == 400)
            #expect(bad.errorCode == "invalid_auth_mode")
        }
    }
}
