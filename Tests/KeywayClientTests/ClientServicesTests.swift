import Foundation
import KeywayClient
import KeywayTestSupport
import Testing

/// Services and the catalog through the SDK.
@Suite("KeywayClient services")
struct ClientServicesTests {
    @Test("list, get, create, update (absent fields kept), delete")
    func crud() async throws {
        try await Harness.run { h in
            let keyway = h.client
            #expect(try await keyway.services().map(\.id) == ["hubspot"])
            let hubspot = try await keyway.service("hubspot")
            #expect(hubspot.provider == "hubspot")
            #expect(hubspot.apiBaseUrl == h.sandboxURL)
            #expect(hubspot.callbackUrl == "\(h.base)/v1/oauth/callback/hubspot")
            #expect(hubspot.scopes.contains("crm.objects.contacts.write"))

            let created = try await keyway.setService(
                "hubspot-eu",
                ServiceDefinition(
                    provider: "hubspot", clientId: "eu-client", clientSecret: "eu-secret-value",
                    scopes: ["oauth", "crm.objects.contacts.read"], apiBaseUrl: "https://api-eu1.hubapi.com"))
            #expect(created.id == "hubspot-eu")
            #expect(created.clientId == "eu-client")
            #expect(created.scopes == ["oauth", "crm.objects.contacts.read"])
            #expect(created.apiBaseUrl == "https://api-eu1.hubapi.com")
            #expect(created.tokenUrl == nil)

            #expect(created.callbackUrl == "\(h.base)/v1/oauth/callback/hubspot-eu")
            #expect(created.issuer == nil)

            let updated = try await keyway.setService(
                "hubspot-eu", ServiceDefinition(scopes: ["oauth"], issuer: "https://issuer.example"))
            #expect(updated.scopes == ["oauth"])
            #expect(updated.issuer == "https://issuer.example")
            #expect(updated.clientId == "eu-client")
            #expect(updated.apiBaseUrl == "https://api-eu1.hubapi.com")
            // Within a millisecond: the creating PUT shows the unrounded time, the store keeps milliseconds.
            #expect(abs(updated.createdAt.timeIntervalSince(created.createdAt)) < 0.002)
            #expect(try await keyway.services().map(\.id).sorted() == ["hubspot", "hubspot-eu"])

            let raw = try await h.http.get("\(h.api)/services/hubspot-eu")
            #expect(!raw.body.contains("eu-secret-value"))
            #expect(!"\(ServiceDefinition(clientSecret: "eu-secret-value"))".contains("eu-secret-value"))

            try await keyway.deleteService("hubspot-eu")
            let gone = await expectClientError { _ = try await keyway.service("hubspot-eu") }
            #expect(gone?.code == "service_not_found")
            #expect(gone?.status == 404)
        }
    }

    @Test("invalid definitions and names come back with Keyway's codes")
    func invalid() async throws {
        try await Harness.run { h in
            let badName = await expectClientError {
                try await h.client.setService("Bad Name", ServiceDefinition(provider: "hubspot", clientId: "c", clientSecret: "s"))
            }
            #expect(badName?.code == "invalid_service_id")
            #expect(badName?.status == 400)
            let badProvider = await expectClientError {
                try await h.client.setService("x", ServiceDefinition(provider: "nosuch", clientId: "c", clientSecret: "s"))
            }
            #expect(badProvider?.status == 400 || badProvider?.status == 404)
            #expect(badProvider?.code.isEmpty == false)
        }
    }

    @Test("a service with identities is kept unless forced")
    func deleteInUse() async throws {
        try await Harness.run { h in
            _ = try await h.connect()
            let refused = await expectClientError { try await h.client.deleteService("hubspot") }
            #expect(refused?.code == "service_in_use")
            #expect(refused?.status == 409)
            try await h.client.deleteService("hubspot", force: true)
            #expect(try await h.client.services().isEmpty)
        }
    }

    @Test("the catalog: list and one provider")
    func providers() async throws {
        try await Harness.run { h in
            let all = try await h.client.providers()
            #expect(all.count > 10)
            let hubspot = try await h.client.provider("hubspot")
            #expect(hubspot.displayName == "HubSpot")
            #expect(hubspot.apiBaseUrl == "https://api.hubapi.com")
            #expect(try await h.client.provider("zendesk").params == ["subdomain"])
            let missing = await expectClientError { _ = try await h.client.provider("nosuch") }
            #expect(missing?.code == "provider_not_found")
        }
    }
}
