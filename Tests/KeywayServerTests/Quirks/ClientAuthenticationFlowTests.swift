import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Xero, QuickBooks, Reddit and others take client credentials only as HTTP Basic.
@Suite("Quirk: client authentication by HTTP Basic")
struct ClientAuthenticationFlowTests {
    @Test("xero authenticates with HTTP Basic at the exchange and at refreshes")
    func basic() async throws {
        let xero = SandboxGeneric(options: SandboxGenericOptions(clientAuthentication: .basic, tokenLifetime: .seconds(1800)))
        try await Harness.run(generic: ["xero": xero]) { h in
            try await h.pointService("xero", provider: "xero", at: "xero")
            let id = try await h.connect(service: "xero")
            let token = try #require(try await h.token(service: "xero", identity: id)["accessToken"] as? String)
            #expect(try await h.callAPI(h.genericURL("xero") + "/api/me", token: token, asProvider: "xero").status == 200)

            h.clock.advance(by: 1800)
            let refreshed = try #require(try await h.token(service: "xero", identity: id)["accessToken"] as? String)
            #expect(refreshed != token)
            #expect(xero.stats().tokenRequests == ["authorization_code": 1, "refresh_token": 1])
        }
    }

    @Test("credentials in the form body are refused with invalid_client, and the finished URL says so")
    func bodyCredentialsRefused() async throws {
        let xero = SandboxGeneric(options: SandboxGenericOptions(clientAuthentication: .basic))
        try await Harness.run(generic: ["xero": xero]) { h in
            try await h.pointService("xero", provider: "xero", at: "xero", extra: ["tokenAuthMethod": "client_secret_post"])
            let finished = queryItems(try await h.walk(try await h.createSession(service: "xero")))
            #expect(finished["error"] == "code_exchange_failed")
            #expect(finished["errorDescription"]?.contains("invalid_client") == true)
            #expect(try await h.store.countIdentities(serviceId: "xero") == 0)
        }
    }
}
