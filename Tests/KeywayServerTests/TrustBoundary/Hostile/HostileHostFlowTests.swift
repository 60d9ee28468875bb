import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// A Salesforce token answer once chose where the proxy sent the access token (`instance_url`). Hosts a provider
/// reports for later calls must now be on the catalog entry's list: checked at the exchange, at every refresh and
/// when the proxy builds the URL. `Upstream` counts requests, so each test proves nothing reached the foreign host.
@Suite("Hostile provider: foreign hosts in token answers")
struct HostileHostFlowTests {
    @Test("bundled salesforce: an instance_url off its domains is refused at the exchange; nothing stored or sent")
    func exchange() async throws {
        let upstream = Upstream()
        try await upstream.run { foreign in
            let salesforce = SandboxGeneric(
                options: .salesforceLike().with(hostile: .init(fields: ["instance_url": foreign + "/steal"])))
            try await Harness.run(generic: ["sf": salesforce]) { h in
                try await h.pointKeepingAPIBase("sfdc", provider: "salesforce", at: "sf")
                let finished = try await h.finish(service: "sfdc")
                #expect(finished["error"] == "untrusted_host", "\(finished)")
                #expect(finished["errorDescription"]?.contains("instance_url") == true, "\(finished)")
                #expect(finished["identityId"] == nil)
                #expect(salesforce.stats().tokenRequests["authorization_code"] == 1, "the code was exchanged")
                #expect(try await h.store.countIdentities(serviceId: "sfdc") == 0)
                // The sandbox's own loopback URL is not a Salesforce host either.
                salesforce.setHostileAnswers(.init())
                #expect(try await h.finish(service: "sfdc")["error"] == "untrusted_host")
                #expect(try await h.store.countIdentities(serviceId: "sfdc") == 0)
                #expect(upstream.requests == 0, "a request reached the foreign host")
                try await h.expectServing()
            }
        }
    }

    @Test("an allowed instance_url works end to end; a refresh answer naming a foreign one marks the identity, sends nothing")
    func refresh() async throws {
        let upstream = Upstream()
        try await upstream.run { foreign in
            let port = try #require(URLComponents(string: foreign)?.port)
            let salesforce = SandboxGeneric(options: .salesforceLike())
            try await Harness.run(catalog: loopbackSalesforceCatalog, generic: ["sf": salesforce]) { h in
                try await h.pointKeepingAPIBase("sfdc", provider: "salesforce-loopback", at: "sf")
                let id = try await h.connect(service: "sfdc")
                #expect(try await h.metadata(service: "sfdc", identity: id)["instance_url"] == h.genericURL("sf"))
                let proxied = try await h.http.get("\(h.api)/proxy/sfdc/api/me", headers: [("Keyway-Identity", id)])
                #expect(proxied.status == 200, "\(proxied.body)")

                // localhost resolves to the upstream, but it is not on the list.
                salesforce.setHostileAnswers(.init(fields: ["instance_url": "http://localhost:\(port)/steal"]))
                h.clock.advance(by: 7200)
                let token = try await h.http.get("\(h.api)/services/sfdc/identities/\(id)/token")
                #expect(token.status == 409 && token.errorCode == "refresh_failed", "\(token.body)")
                #expect(!token.body.contains("gen-at-"), "the refreshed token was handed out")
                let stored = try #require(try await h.store.identity(serviceId: "sfdc", id: id))
                #expect(stored.status == .refreshFailed)
                #expect(stored.statusReason?.contains("instance_url") == true, "\(stored.statusReason ?? "")")
                #expect(stored.metadata["instance_url"] == h.genericURL("sf"), "the foreign host was not stored")
                let listed = try await h.http.get("\(h.api)/services/sfdc/identities/\(id)")
                #expect(listed.json["statusReason"] as? String == stored.statusReason)
                let refused = try await h.http.get("\(h.api)/proxy/sfdc/api/me", headers: [("Keyway-Identity", id)])
                #expect(refused.status != 200)
                #expect(upstream.requests == 0, "a request reached the foreign host")
                try await h.expectServing()
            }
        }
    }

    @Test("a foreign host already in stored metadata is refused by the proxy and by the refresh before anything is sent")
    func stored() async throws {
        let upstream = Upstream()
        try await upstream.run { foreign in
            let salesforce = SandboxGeneric(options: .salesforceLike())
            try await Harness.run(catalog: loopbackSalesforceCatalog, generic: ["sf": salesforce]) { h in
                try await h.pointKeepingAPIBase("sfdc", provider: "salesforce-loopback", at: "sf")
                let id = try await h.connect(service: "sfdc")
                // As stored before this check, or written into the database behind Keyway's back.
                var identity = try #require(try await h.store.identity(serviceId: "sfdc", id: id))
                identity.metadata["instance_url"] = foreign.replacingOccurrences(of: "127.0.0.1", with: "localhost")
                identity.version += 1
                #expect(try await h.store.updateIdentity(identity, expectedVersion: identity.version - 1))

                let proxied = try await h.http.get("\(h.api)/proxy/sfdc/inspect/x", headers: [("Keyway-Identity", id)])
                #expect(proxied.status == 502 && proxied.errorCode == "untrusted_host", "\(proxied.body)")
                let envelope = try await h.http.post(
                    "\(h.api)/services/sfdc/proxy", json: #"{"identityId":"\#(id)","method":"GET","path":"/inspect/x"}"#)
                #expect(envelope.status == 502 && envelope.errorCode == "untrusted_host", "\(envelope.body)")

                h.clock.advance(by: 7200)
                let token = try await h.http.get("\(h.api)/services/sfdc/identities/\(id)/token")
                #expect(token.errorCode == "refresh_failed", "\(token.body)")
                #expect(salesforce.stats().tokenRequests["refresh_token"] == 0, "the refresh token was sent")
                #expect(upstream.requests == 0, "a request reached the foreign host")
                try await h.expectServing()
            }
        }
    }

    @Test("the other templated providers' bundled lists refuse a loopback host at the exchange",
        arguments: [("pipedrive", "api_domain"), ("gong", "api_base_url_for_customer"), ("zoho", "api_domain")])
    func others(provider: String, field: String) async throws {
        let upstream = Upstream()
        try await upstream.run { foreign in
            let sandbox = SandboxGeneric(
                options: .init(clientAuthentication: .either, hostile: .init(fields: [field: foreign])))
            try await Harness.run(generic: ["p": sandbox]) { h in
                try await h.pointKeepingAPIBase("svc", provider: provider, at: "p")
                let finished = try await h.finish(service: "svc")
                #expect(finished["error"] == "untrusted_host", "\(finished)")
                #expect(try await h.store.countIdentities(serviceId: "svc") == 0)
                #expect(upstream.requests == 0)
            }
        }
    }
}

extension SandboxGenericOptions {
    /// These options with hostile answers.
    func with(hostile: SandboxHostileAnswers) -> SandboxGenericOptions {
        var options = self
        options.hostile = hostile
        return options
    }
}
