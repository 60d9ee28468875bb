import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

extension Harness {
    /// Proves Keyway still serves after a hostile answer: `/healthz` answers, and the sandbox HubSpot's flow
    /// connects another identity and hands out its token.
    func expectServing(tags: [String: String] = ["tenantId": "bystander"]) async throws {
        let health = try await http.get("\(base)/healthz", authorized: false)
        #expect(health.status == 200, "\(health.body)")
        let other = try await connect(tags: tags)
        let token = try await http.get("\(api)/services/hubspot/identities/\(other)/token")
        #expect(token.status == 200, "\(token.body)")
    }

    /// Points service `id` at the generic sandbox mounted as `name` with the catalog's own API base URL (so that
    /// metadata such as `{instance_url}` fills it), and one scope.
    func pointKeepingAPIBase(_ id: String, provider: String, at name: String) async throws {
        try await pointService(id, provider: provider, at: name, scopes: ["api"], extra: ["apiBaseUrl": ""])
    }

    /// The finished URL's query after walking a new session of `service` through consent.
    func finish(service: String, tags: [String: String] = ["tenantId": "contoso", "userId": "u1"]) async throws
        -> [String: String]
    {
        queryItems(try await walk(try await createSession(service: service, tags: tags)))
    }
}

/// A catalog with the bundled entries and `salesforce-loopback`: Salesforce as bundled, but whose
/// `instance_url` may also name 127.0.0.1 over plain http (the generic sandbox's own URL).
let loopbackSalesforceCatalog: ProviderCatalog = {
    var entry = ProviderCatalog.bundled.provider("salesforce")!
    entry.id = "salesforce-loopback"
    entry.metadataHosts = ["instance_url": ["*.salesforce.com", "*.force.com", "http://127.0.0.1"]]
    return ProviderCatalog(providers: ProviderCatalog.bundled.providers + [entry])
}()
