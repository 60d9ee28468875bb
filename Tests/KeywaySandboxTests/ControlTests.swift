import Foundation
import Hummingbird
import HummingbirdTesting
import KeywaySandbox
import Testing

@Suite("Faults, stats and runtime config")
struct ControlTests {
    @Test("a 429 fault fails the next n calls with Retry-After and rate-limit headers, then calls recover")
    func rateLimitFault() async throws {
        try await withSandbox { client, _ in
            let token = try #require(try await client.connect()["access_token"] as? String)
            let armed = try await client.postJSON("/_faults", #"{"status":429,"count":2,"retryAfter":3}"#)
            #expect(armed.status == .ok)
            for _ in 1...2 {
                let response = try await client.get("/crm/v3/objects/contacts", headers: bearer(token))
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "3")
                #expect(header("X-HubSpot-RateLimit-Remaining", response) == "0")
                #expect(header("X-HubSpot-RateLimit-Max", response) == "110")
                #expect(header("X-HubSpot-RateLimit-Interval-Milliseconds", response) == "10000")
                let body = try json(response)
                #expect(body["status"] as? String == "error")
                #expect(body["errorType"] as? String == "RATE_LIMIT")
                #expect(body["policyName"] as? String == "TEN_SECONDLY_ROLLING")
                #expect((body["correlationId"] as? String)?.isEmpty == false)
            }
            let recovered = try await client.get("/crm/v3/objects/contacts", headers: bearer(token))
            #expect(recovered.status == .ok)
            #expect(Int(header("X-HubSpot-RateLimit-Remaining", recovered) ?? "") ?? 0 > 0)
        }
    }

    @Test("401, 500 and 503 faults, default Retry-After, and DELETE clears a fault")
    func otherFaults() async throws {
        try await withSandbox { client, _ in
            let token = try #require(try await client.connect()["access_token"] as? String)
            _ = try await client.postJSON("/_faults", #"{"status":401,"count":1}"#)
            let expired = try await client.get("/crm/v3/objects/contacts", headers: bearer(token))
            #expect(expired.status == .unauthorized)
            #expect(try json(expired)["category"] as? String == "EXPIRED_AUTHENTICATION")

            _ = try await client.postJSON("/_faults", #"{"status":500,"count":1}"#)
            let failed = try await client.get("/crm/v3/objects/contacts", headers: bearer(token))
            #expect(failed.status == .internalServerError)
            #expect(try json(failed)["status"] as? String == "error")

            _ = try await client.postJSON("/_faults", #"{"status":503}"#)
            let unavailable = try await client.get("/crm/v3/objects/contacts", headers: bearer(token))
            #expect(unavailable.status == .serviceUnavailable)
            #expect(unavailable.headers[.retryAfter] == "1")

            _ = try await client.postJSON("/_faults", #"{"status":429,"count":5}"#)
            #expect(try await client.delete("/_faults").status == .noContent)
            #expect(try await client.get("/crm/v3/objects/contacts", headers: bearer(token)).status == .ok)

            let invalid = try await client.postJSON("/_faults", #"{"status":418}"#)
            #expect(invalid.status == .badRequest)
            #expect(try json(invalid)["error"] as? String == "invalid_fault")
        }
    }

    @Test("stats count token requests per grant type and every API call, faulted or refused")
    func stats() async throws {
        try await withSandbox { client, sandbox in
            let tokens = try await client.connect()
            let token = try #require(tokens["access_token"] as? String)
            _ = try await client.exchange(code: "sbx-code-bogus")
            _ = try await client.refresh(try #require(tokens["refresh_token"] as? String))
            _ = try await client.refresh("bogus", endpoint: "/oauth/2026-03/token")
            _ = try await client.postForm("/oauth/v1/token", [("grant_type", "client_credentials")])
            _ = try await client.get("/crm/v3/objects/contacts", headers: bearer(token))
            _ = try await client.get("/crm/v3/objects/contacts")
            _ = try await client.postJSON("/_faults", #"{"status":500,"count":1}"#)
            _ = try await client.get("/crm/v3/objects/contacts/1", headers: bearer(token))
            _ = try await client.get("/oauth/v1/access-tokens/\(token)")

            let response = try await client.get("/_stats")
            #expect(response.status == .ok)
            let body = try json(response)
            let tokenRequests = try #require(body["tokenRequests"] as? [String: Int])
            #expect(tokenRequests["authorization_code"] == 2)
            #expect(tokenRequests["refresh_token"] == 2)
            #expect(tokenRequests["client_credentials"] == 1)
            #expect(body["apiRequests"] as? Int == 3)
            let stats = sandbox.stats()
            #expect(stats.apiRequests == 3)
            #expect(stats.tokenRequests["authorization_code"] == 2)
        }
    }

    @Test("stats start at zero with both grant types present")
    func emptyStats() async throws {
        try await withSandbox { client, _ in
            let body = try json(try await client.get("/_stats"))
            #expect(body["tokenRequests"] as? [String: Int] == ["authorization_code": 0, "refresh_token": 0])
            #expect(body["apiRequests"] as? Int == 0)
        }
    }

    @Test("POST /_config changes the token lifetime and rotation at runtime")
    func runtimeConfig() async throws {
        try await withSandbox { client, sandbox in
            let initial = try json(try await client.get("/_config"))
            #expect(initial["tokenLifetimeSeconds"] as? Double == 1800)
            #expect(initial["rotateRefreshTokens"] as? Bool == false)
            #expect(initial["clientSecret"] == nil)
            let changed = try await client.postJSON(
                "/_config",
                #"{"tokenLifetimeSeconds":60,"rotateRefreshTokens":true}"#
            )
            #expect(changed.status == .ok)
            #expect(try json(changed)["tokenLifetimeSeconds"] as? Double == 60)
            #expect(sandbox.options.rotateRefreshTokens)
            #expect(sandbox.options.tokenLifetime == .seconds(60))
            let tokens = try await client.connect()
            #expect(tokens["expires_in"] as? Int == 60)
            let old = try #require(tokens["refresh_token"] as? String)
            let rotated = try json(try await client.refresh(old))
            #expect(rotated["refresh_token"] as? String != old)
            let invalid = try await client.postJSON("/_config", #"{"tokenLifetimeSeconds":-5}"#)
            #expect(invalid.status == .badRequest)
        }
    }

    @Test("POST /_config tokenDelayMilliseconds holds token answers back; the grant itself takes effect at once")
    func tokenDelay() async throws {
        try await withSandbox { client, sandbox in
            #expect(try json(try await client.get("/_config"))["tokenDelayMilliseconds"] as? Int == 0)
            let tokens = try await client.connect()
            let refreshToken = try #require(tokens["refresh_token"] as? String)
            let changed = try await client.postJSON("/_config", #"{"tokenDelayMilliseconds":400}"#)
            #expect(changed.status == .ok)
            #expect(try json(changed)["tokenDelayMilliseconds"] as? Int == 400)
            #expect(sandbox.options.tokenDelay == .milliseconds(400))
            let started = ContinuousClock.now
            let refreshed = Task { try await client.refresh(refreshToken) }
            // Poll rather than sleep a fixed time: on a loaded machine the request may take a while to arrive.
            var counted: ContinuousClock.Instant?
            while counted == nil, ContinuousClock.now - started < .seconds(10) {
                if sandbox.stats().tokenRequests["refresh_token"] == 1 { counted = .now }
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(try await refreshed.value.status == .ok)
            let answered = ContinuousClock.now
            #expect(answered - started >= .milliseconds(400))
            let seen = try #require(counted, "the grant was counted")
            #expect(seen < answered, "counted before the answer is sent")
            for bad in [#"{"tokenDelayMilliseconds":-1}"#, #"{"tokenDelayMilliseconds":600001}"#] {
                #expect(try await client.postJSON("/_config", bad).status == .badRequest)
            }
            _ = try await client.postJSON("/_config", #"{"tokenDelayMilliseconds":0}"#)
            #expect(sandbox.options.tokenDelay == .zero)
        }
    }
}
