import Foundation
import KeywayCore
import KeywayStore
import Testing

@Suite("SQLStore services")
struct ServiceStoreTests {
    @Test("a service round-trips with every field, and with every optional field empty", arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            let full = makeService("hubspot")
            let bare = Service(
                id: "custom", provider: "custom", clientId: "cid", clientSecret: "", createdAt: epoch, updatedAt: epoch)
            try await store.saveService(full)
            try await store.saveService(bare)
            #expect(try await store.service(id: "hubspot") == full)
            #expect(try await store.service(id: "custom") == bare)
            #expect(try await store.service(id: "absent") == nil)
            #expect(try await store.services() == [bare, full])
        }
    }

    @Test("saving again replaces the service", arguments: StoreBackend.allCases)
    func replace(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService("hubspot", secret: "first"))
            var changed = makeService("hubspot", secret: "second")
            changed.scopes = ["oauth"]
            changed.pkce = false
            changed.tokenAuthMethod = nil
            changed.authorizationUrl = nil
            changed.issuer = "https://issuer.example"
            changed.updatedAt = epoch.addingTimeInterval(60)
            try await store.saveService(changed)
            #expect(try await store.service(id: "hubspot") == changed)
            changed.issuer = nil
            try await store.saveService(changed)
            #expect(try await store.service(id: "hubspot")?.issuer == nil)
            #expect(try await store.services().count == 1)
        }
    }

    @Test("deleting a service removes its sessions, identities and tags, and nothing of other services", arguments: StoreBackend.allCases)
    func deleteCascades(_ backend: StoreBackend) async throws {
        try await withFreshStore(backend) { store in
            try await store.saveService(makeService("hubspot"))
            try await store.saveService(makeService("sfdc"))
            let session = makeSession(serviceId: "hubspot")
            try await store.insertSession(session)
            try await store.insertIdentity(makeIdentity("idn_a", serviceId: "hubspot"))
            try await store.insertIdentity(makeIdentity("idn_b", serviceId: "sfdc"))

            #expect(try await store.deleteService(id: "hubspot"))
            #expect(try await store.deleteService(id: "hubspot") == false)
            #expect(try await store.service(id: "hubspot") == nil)
            #expect(try await store.session(id: session.id) == nil)
            #expect(try await store.countIdentities(serviceId: "hubspot") == 0)
            #expect(
                try await store.identities(
                    serviceId: "hubspot", matching: ["tenantId": "contoso"], limit: 10, after: nil
                )
                .items.isEmpty)

            // Re-creating the service does not resurrect anything.
            try await store.saveService(makeService("hubspot"))
            #expect(try await store.countIdentities(serviceId: "hubspot") == 0)
            #expect(try await store.identity(serviceId: "sfdc", id: "idn_b") != nil)
            #expect(
                try await store.identities(serviceId: "sfdc", matching: ["tenantId": "contoso"], limit: 10, after: nil)
                    .items.map(\.id) == ["idn_b"])
        }
    }
}
