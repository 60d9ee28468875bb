import Foundation
import KeywayClient
import KeywayTestSupport
import Testing

/// The SDK's identity calls against a live Keyway with the sandbox HubSpot.
@Suite("KeywayClient identities")
struct ClientIdentitiesTests {
    @Test("not connected is nil; connected gives a fresh token that the sandbox CRM accepts")
    func connectedOrNot() async throws {
        try await Harness.run { h in
            let keyway = h.client
            #expect(try await keyway.identity(for: "hubspot", tags: ["tenantId": "contoso"]) == nil)

            let id = try await h.connect(tags: ["tenantId": "contoso", "userId": "usr-123"])
            let identity = try #require(try await keyway.identity(for: "hubspot", tags: ["tenantId": "contoso"]))
            #expect(identity.id == id)
            #expect(identity.serviceId == "hubspot")
            #expect(identity.tags == ["tenantId": "contoso", "userId": "usr-123"])
            #expect(!identity.accessToken.isEmpty)
            #expect(try #require(identity.expiresAt) > Date())
            #expect(identity.native["access_token"]?.stringValue == identity.accessToken)
            #expect(identity.native["expires_in"]?.doubleValue == 1800)
            #expect(identity.native["refresh_token"] == nil)
            #expect(!"\(identity)".contains(identity.accessToken))
            var dumped = ""
            dump(identity, to: &dumped)
            #expect(!dumped.contains(identity.accessToken))

            let created = try await h.createContact(email: "reader@example.com", token: identity.accessToken)
            #expect(created.status == 201, "\(created.body)")

            let byId = try #require(try await keyway.identity(for: "hubspot", id: id))
            #expect(byId.id == id)
            #expect(byId.accessToken == identity.accessToken)
            #expect(try await keyway.identity(for: "hubspot", id: "idn_missing") == nil)

            let details = try #require(try await keyway.identityDetails(for: "hubspot", id: id))
            #expect(details.tags == ["tenantId": "contoso", "userId": "usr-123"])
            #expect(details.status == .active)
            #expect(details.metadata["hub_id"] == "62515")
            #expect(details.createdAt <= details.updatedAt)
            #expect(try await keyway.identityDetails(for: "hubspot", id: "idn_missing") == nil)
        }
    }

    @Test("several identities for the tags throw ambiguous_identity with status 409")
    func ambiguous() async throws {
        try await Harness.run { h in
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "u2"])
            let error = await expectClientError {
                _ = try await h.client.identity(for: "hubspot", tags: ["tenantId": "contoso"])
            }
            #expect(error?.code == "ambiguous_identity")
            #expect(error?.status == 409)
            #expect(error?.kind == .server)
            #expect(error?.isAmbiguousIdentity == true)
            #expect(error?.message.isEmpty == false)
            // Another tag narrows it down to one.
            let one = try await h.client.identity(for: "hubspot", tags: ["tenantId": "contoso", "userId": "u2"])
            #expect(one != nil)
        }
    }

    @Test("an unknown service throws service_not_found rather than answering nil")
    func unknownService() async throws {
        try await Harness.run { h in
            let byTags = await expectClientError {
                _ = try await h.client.identity(for: "nosuch", tags: ["tenantId": "contoso"])
            }
            #expect(byTags?.code == "service_not_found")
            #expect(byTags?.status == 404)
            let byId = await expectClientError { _ = try await h.client.identity(for: "nosuch", id: "idn_x") }
            #expect(byId?.code == "service_not_found")
            let noTags = await expectClientError { _ = try await h.client.identity(for: "hubspot", tags: [:]) }
            #expect(noTags?.code == "missing_tags")
            #expect(noTags?.status == 400)
        }
    }

    @Test("deleted identities: by id, then by tags with a count; lookups answer nil afterwards")
    func deletion() async throws {
        try await Harness.run { h in
            let keyway = h.client
            let a = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "u2"])
            let c = try await h.connect(tags: ["tenantId": "fabrikam", "userId": "u1"])

            try await keyway.deleteIdentity(for: "hubspot", id: a)
            #expect(try await keyway.identity(for: "hubspot", id: a) == nil)
            let again = await expectClientError { try await keyway.deleteIdentity(for: "hubspot", id: a) }
            #expect(again?.code == "identity_not_found")
            #expect(again?.status == 404)

            #expect(try await keyway.deleteIdentities(for: "hubspot", tags: ["tenantId": "contoso"]) == 1)
            #expect(try await keyway.identity(for: "hubspot", tags: ["tenantId": "contoso"]) == nil)
            #expect(try await keyway.deleteIdentities(for: "hubspot", tags: ["tenantId": "contoso"]) == 0)
            #expect(try await keyway.identity(for: "hubspot", id: c) != nil)

            let everything = await expectClientError { try await keyway.deleteIdentities(for: "hubspot", tags: [:]) }
            #expect(everything?.code == "missing_tags")
            #expect(try await keyway.identities(for: "hubspot").items.map(\.id) == [c])
        }
    }

    @Test("pages follow the cursor without gaps or repeats, with and without tag filters")
    func paging() async throws {
        try await Harness.run { h in
            var connected: Set<String> = []
            for user in 0..<5 { connected.insert(try await h.connect(tags: ["tenantId": "t", "userId": "u\(user)"])) }
            let other = try await h.connect(tags: ["tenantId": "other", "userId": "u0"])

            var seen: [String] = []
            var next: String? = nil
            var pages = 0
            repeat {
                let page = try await h.client.identities(for: "hubspot", tags: ["tenantId": "t"], limit: 2, next: next)
                #expect(page.items.count <= 2)
                #expect(page.items.allSatisfy { $0.tags["tenantId"] == "t" && $0.serviceId == "hubspot" })
                seen += page.items.map(\.id)
                next = page.next
                pages += 1
            } while next != nil && pages < 10
            #expect(pages == 3)
            #expect(seen.count == 5)
            #expect(Set(seen) == connected)

            let all = try await h.client.identities(for: "hubspot")
            #expect(Set(all.items.map(\.id)) == connected.union([other]))
            #expect(all.next == nil)
            let badLimit = await expectClientError { _ = try await h.client.identities(for: "hubspot", limit: 0) }
            #expect(badLimit?.code == "invalid_limit")
        }
    }

    @Test("tag values with ':', '&', '+', '=', '%', '/', spaces and non-ASCII survive the query string")
    func tagEncoding() async throws {
        try await Harness.run { h in
            let odd = "a:b&c=d +e%20/é?#"
            let id = try await h.connect(tags: ["tenantId": odd, "user.id": "x+y"])
            _ = try await h.connect(tags: ["tenantId": "a:b", "user.id": "x y"])
            let found = try await h.client.identity(for: "hubspot", tags: ["tenantId": odd])
            #expect(found?.id == id)
            let both = try await h.client.identity(for: "hubspot", tags: ["tenantId": odd, "user.id": "x+y"])
            #expect(both?.id == id)
            #expect(try await h.client.identity(for: "hubspot", tags: ["user.id": "x y"])?.id != id)
            #expect(try await h.client.identities(for: "hubspot", tags: ["tenantId": odd]).items.map(\.id) == [id])
            #expect(try await h.client.deleteIdentities(for: "hubspot", tags: ["tenantId": odd]) == 1)
        }
    }
}
