import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Salesforce names the API host in the token answer (`instance_url`); QuickBooks names the company on the
/// callback (`realmId`). Both are kept as identity metadata and fill the entry's API base URL.
@Suite("Quirk: metadata from the token answer and the callback")
struct MetadataFlowTests {
    @Test("salesforce keeps instance_url; {instance_url} is the API base, and refreshes work with it in metadata")
    func instanceURL() async throws {
        let salesforce = SandboxGeneric(options: .salesforceLike())
        try await Harness.run(generic: ["salesforce": salesforce]) { h in
            try await h.pointService("sfdc", provider: "salesforce", at: "salesforce")
            let id = try await h.connect(service: "sfdc")
            let metadata = try await h.metadata(service: "sfdc", identity: id)
            #expect(metadata["instance_url"] == h.genericURL("salesforce"))
            #expect(metadata["id"]?.hasPrefix(h.genericURL("salesforce") + "/id/") == true)

            let template = try #require(try await h.providerJSON("salesforce")["apiBaseUrl"] as? String)
            #expect(template == "{instance_url}")
            let apiBase = try Harness.resolve(template, metadata: metadata)
            let token = try #require(try await h.token(service: "sfdc", identity: id)["accessToken"] as? String)
            #expect(try await h.callAPI(apiBase + "/api/me", token: token, asProvider: "salesforce").status == 200)
            // Keyway's proxy fills the same template from the identity's metadata.
            let proxied = try await h.http.get("\(h.api)/proxy/sfdc/api/me", headers: [("Keyway-Identity", id)])
            #expect(proxied.status == 200, "\(proxied.body)")

            // The refresh passes the identity's metadata (instance_url included) as template values.
            h.clock.advance(by: 7200)
            let refreshed = try #require(try await h.token(service: "sfdc", identity: id)["accessToken"] as? String)
            #expect(refreshed != token)
            #expect(try await h.callAPI(apiBase + "/api/me", token: refreshed, asProvider: "salesforce").status == 200)
        }
    }

    @Test("quickbooks keeps the callback's realmId; the API base /company/{realmId} reaches that company only")
    func realmId() async throws {
        let quickbooks = SandboxGeneric(options: .quickBooksLike(companyId: "9341453019872135"))
        try await Harness.run(generic: ["quickbooks": quickbooks]) { h in
            try await h.pointService("qbo", provider: "quickbooks", at: "quickbooks", apiPath: "/api/company/{realmId}")
            let id = try await h.connect(service: "qbo")
            let metadata = try await h.metadata(service: "qbo", identity: id)
            #expect(metadata["realmId"] == "9341453019872135")

            let service = try await h.http.get("\(h.api)/services/qbo")
            let template = try #require(service.json["apiBaseUrl"] as? String)
            let apiBase = try Harness.resolve(template, metadata: metadata)
            #expect(apiBase == h.genericURL("quickbooks") + "/api/company/9341453019872135")
            let token = try #require(try await h.token(service: "qbo", identity: id)["accessToken"] as? String)
            let me = try await h.callAPI(apiBase + "/me", token: token, asProvider: "quickbooks")
            #expect(me.status == 200, "\(me.body)")
            #expect(me.json["company_id"] as? String == "9341453019872135")
            let other = try await h.callAPI(
                h.genericURL("quickbooks") + "/api/company/1111111111/me", token: token, asProvider: "quickbooks")
            #expect(other.status == 403)
            let proxied = try await h.http.get("\(h.api)/proxy/qbo/me", headers: [("Keyway-Identity", id)])
            #expect(proxied.status == 200, "\(proxied.body)")
            #expect(proxied.json["company_id"] as? String == "9341453019872135", "the proxy reached the identity's company")

            h.clock.advance(by: 3600)
            let refreshed = try #require(try await h.token(service: "qbo", identity: id)["accessToken"] as? String)
            #expect(try await h.callAPI(apiBase + "/me", token: refreshed, asProvider: "quickbooks").status == 200)
            #expect(try await h.metadata(service: "qbo", identity: id)["realmId"] == "9341453019872135")
        }
    }

    @Test("a realmId the browser changed into a path is refused before the code is spent")
    func tamperedRealmId() async throws {
        let quickbooks = SandboxGeneric(options: .quickBooksLike(companyId: "9341453019872135"))
        try await Harness.run(generic: ["quickbooks": quickbooks]) { h in
            try await h.pointService("qbo", provider: "quickbooks", at: "quickbooks", apiPath: "/api/company/{realmId}")
            let callback = try await h.consent(try await h.createSession(service: "qbo"))
            #expect(queryItems(callback)["realmId"] == "9341453019872135")
            let tampered = callback.replacingOccurrences(of: "realmId=9341453019872135", with: "realmId=..%2F..%2Fother")
            #expect(tampered != callback)
            let finished = try await h.http.get(tampered, authorized: false)
            #expect(queryItems(finished.location ?? "")["error"] == "invalid_param", "\(finished.location ?? "")")
            #expect(quickbooks.stats().tokenRequests["authorization_code"] == 0, "the code was not exchanged")
            #expect(try await h.store.countIdentities(serviceId: "qbo") == 0)
        }
    }
}
