import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// A key limited to some services or to identities carrying some tags reaches nothing else: other identities
/// and services answer 404 as if absent (by id, by tags, in lists, through both proxies), lists leave them out,
/// and a session cannot be started for another tenant.
@Suite("Scopes: service and tag limits")
struct KeyLimitTests {
    @Test("a tenantId=contoso key cannot read fabrikam's token by id, by tags, through the proxy or the envelope")
    func tenant() async throws {
        try await Harness.run { h in
            let contoso = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            let fabrikam = try await h.connect(tags: ["tenantId": "fabrikam", "userId": "u1"])
            let (key, _) = try await h.client(
                scopes: [.tokensRead, .identitiesWrite], limits: KeyLimits(tags: ["tenantId": "contoso"]))
            let api = h.api

            // Its own tenant works every way.
            #expect(try await key.get("\(api)/services/hubspot/identities/\(contoso)/token").status == 200)
            let own = try await key.get("\(api)/services/hubspot/token?tag=userId:u1")
            #expect(own.status == 200, "\(own.body)")
            #expect(own.json["identityId"] as? String == contoso)
            let requestsBefore = h.sandbox.stats().apiRequests

            // Another tenant's identity does not exist for it.
            let byId = try await key.get("\(api)/services/hubspot/identities/\(fabrikam)/token")
            #expect(byId.status == 404)
            #expect(byId.errorCode == "identity_not_found")
            let byTags = try await key.get("\(api)/services/hubspot/token?tag=tenantId:fabrikam")
            #expect(byTags.status == 404)
            #expect(byTags.errorCode == "identity_not_found")
            let get = try await key.get("\(api)/services/hubspot/identities/\(fabrikam)")
            #expect(get.status == 404)
            let proxyById = try await key.send(
                .GET, "\(h.base)/v1/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", fabrikam)])
            #expect(proxyById.status == 404)
            #expect(proxyById.errorCode == "identity_not_found")
            let proxyByTags = try await key.send(
                .GET, "\(h.base)/v1/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Tags", "tenantId=fabrikam")])
            #expect(proxyByTags.status == 404)
            let envelopeById = try await key.post(
                "\(api)/services/hubspot/proxy", json: #"{"identityId":"\#(fabrikam)","path":"/crm/v3/objects/contacts"}"#)
            #expect(envelopeById.status == 404)
            #expect(envelopeById.errorCode == "identity_not_found")
            let envelopeByTags = try await key.post(
                "\(api)/services/hubspot/proxy", json: #"{"tags":{"tenantId":"fabrikam"},"path":"/crm/v3/objects/contacts"}"#)
            #expect(envelopeByTags.status == 404)
            #expect(h.sandbox.stats().apiRequests == requestsBefore, "no call reached the API with fabrikam's token")

            // Lists show only its tenant, whatever the filter asks.
            let listed = try await key.get("\(api)/services/hubspot/identities")
            let ids = (listed.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == [contoso])
            let asked = try await key.get("\(api)/services/hubspot/identities?tag=tenantId:fabrikam")
            #expect((asked.json["items"] as? [Any])?.isEmpty == true)

            // Deleting another tenant's identity: 404 by id, nothing by tags; fabrikam's identity stays.
            #expect(try await key.delete("\(api)/services/hubspot/identities/\(fabrikam)").status == 404)
            let byTagsDelete = try await key.delete("\(api)/services/hubspot/identities?tag=userId:u1")
            #expect(byTagsDelete.json["deleted"] as? Int == 1)
            #expect(try await h.store.identity(serviceId: "hubspot", id: fabrikam) != nil)
            #expect(try await h.store.identity(serviceId: "hubspot", id: contoso) == nil)

            // A session gets the key's tenant; one naming another tenant is refused and stores nothing.
            let session = try await key.post(
                "\(api)/services/hubspot/sessions",
                json: #"{"tags":{"userId":"u2"},"finishedUrl":"http://127.0.0.1:9/finished"}"#)
            #expect(session.status == 201, "\(session.body)")
            let sessionId = try #require(session.json["id"] as? String)
            #expect(try await h.store.session(id: sessionId)?.tags == ["tenantId": "contoso", "userId": "u2"])
            let sessionsBefore = try await h.count("sessions")
            let foreign = try await key.post(
                "\(api)/services/hubspot/sessions",
                json: #"{"tags":{"tenantId":"fabrikam"},"finishedUrl":"http://127.0.0.1:9/finished"}"#)
            #expect(foreign.status == 403)
            #expect(foreign.errorCode == "insufficient_scope")
            #expect(try await h.count("sessions") == sessionsBefore)
        }
    }

    @Test("a hubspot-only key: other services do not exist for it, in lists, tokens, proxies and writes")
    func service() async throws {
        try await Harness.run { h in
            try await h.addService("other", apiBaseUrl: h.sandboxURL)
            let otherId = try await h.storeIdentity(service: "other", tags: ["tenantId": "contoso"])
            _ = try await h.connect()
            let (key, _) = try await h.client(
                scopes: [.tokensRead, .servicesWrite], limits: KeyLimits(services: ["hubspot"]))
            let api = h.api
            let services = try await key.get("\(api)/services")
            #expect((services.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["hubspot"])
            for answer in [
                try await key.get("\(api)/services/other"),
                try await key.get("\(api)/services/other/identities/\(otherId)/token"),
                try await key.get("\(api)/services/other/token?tag=tenantId:contoso"),
                try await key.get("\(api)/services/other/identities"),
                try await key.send(.GET, "\(h.base)/v1/proxy/other/crm/v3/objects/contacts", headers: [("Keyway-Identity", otherId)]),
                try await key.post("\(api)/services/other/proxy", json: #"{"identityId":"\#(otherId)","path":"/x"}"#),
                try await key.send(.DELETE, "\(api)/services/other?force=true"),
            ] {
                #expect(answer.status == 404, "\(answer.body)")
                #expect(answer.errorCode == "service_not_found")
            }
            let create = try await key.put("\(api)/services/third", json: #"{"provider":"hubspot","clientId":"x","clientSecret":"y"}"#)
            #expect(create.status == 403)
            #expect(create.errorCode == "insufficient_scope")
            #expect(try await h.store.service(id: "third") == nil)
            #expect(try await h.store.service(id: "other") != nil)
            #expect(try await key.get("\(api)/services/hubspot/token?tag=tenantId:contoso").status == 200)
        }
    }

    @Test("a key makes only keys within its own scopes and limits, and deletes only those")
    func noEscalation() async throws {
        try await Harness.run { h in
            let (key, _) = try await h.client(
                scopes: [.keysWrite, .tokensRead], limits: KeyLimits(tags: ["tenantId": "contoso"]))
            let before = try await h.store.apiKeys().count
            for body in [
                #"{"name":"x","scopes":["admin"]}"#, #"{"name":"x","scopes":["services:write"]}"#,
                #"{"name":"x","scopes":["tokens:read"],"tags":{"tenantId":"fabrikam"}}"#,
                #"{"name":"x","scopes":["tokens:read"],"tags":{}}"#,
            ] {
                let answer = try await key.post("\(h.api)/keys", json: body)
                #expect(answer.status == 403, "\(body): \(answer.body)")
                #expect(answer.errorCode == "insufficient_scope")
            }
            #expect(try await h.store.apiKeys().count == before)
            // Without scopes or limits, the new key is a copy of its maker's.
            let copy = try await key.post("\(h.api)/keys", json: #"{"name":"copy"}"#)
            #expect(copy.status == 201, "\(copy.body)")
            #expect(copy.json["scopes"] as? [String] == ["tokens:read", "keys:write"])
            #expect(copy.json["tags"] as? [String: String] == ["tenantId": "contoso"])
            let narrower = try await key.post(
                "\(h.api)/keys", json: #"{"name":"app","scopes":["tokens:read"],"tags":{"tenantId":"contoso","userId":"u1"}}"#)
            #expect(narrower.status == 201, "\(narrower.body)")
            // The admin key is beyond it.
            let adminId = try #require(APIKeyParser.parse(h.apiKey)?.id)
            let deleteAdmin = try await key.delete("\(h.api)/keys/\(adminId)")
            #expect(deleteAdmin.status == 403)
            #expect(try await h.store.apiKey(id: adminId) != nil)
            let narrowerId = try #require(narrower.json["id"] as? String)
            #expect(try await key.delete("\(h.api)/keys/\(narrowerId)").status == 204)
        }
    }
}
