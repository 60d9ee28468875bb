import Foundation
import KeywayCore
import KeywaySandbox
import KeywayTestSupport
import Testing

/// Tokens, codes and secrets stay out of the data folder, the logs and every list response.
@Suite("Secrets")
struct SecretsTests {
    @Test("after a flow and a rotating refresh, no file of the data folder holds a token or the client secret")
    func nothingAtRest() async throws {
        try await Harness.run(sandbox: SandboxOptions(rotateRefreshTokens: true)) { h in
            let id = try await h.connect()
            let first = try #require(try await h.store.identity(serviceId: "hubspot", id: id)).credentials
            h.clock.advance(by: 1801)
            _ = try await h.keyway.token(serviceId: "hubspot", identityId: id)
            let second = try #require(try await h.store.identity(serviceId: "hubspot", id: id)).credentials
            let secrets = [
                first.accessToken, try #require(first.refreshToken), second.accessToken,
                try #require(second.refreshToken), h.sandbox.options.clientSecret,
                APIKeyParser.parse(h.apiKey)!.secret,
            ]
            let files = try FileManager.default.contentsOfDirectory(atPath: h.dataDirectory.path)
            #expect(files.contains("keyway.db"))
            for file in files {
                let bytes = try Data(contentsOf: h.dataDirectory.appendingPathComponent(file))
                for secret in secrets {
                    #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds a secret in plain text")
                }
            }
        }
    }

    @Test("the log of a whole flow, its failures included, holds no token, code, state or secret")
    func logs() async throws {
        try await Harness.run(sandbox: SandboxOptions(rotateRefreshTokens: true)) { h in
            let callback = try await h.consent(try await h.createSession())
            let query = queryItems(callback)
            let code = try #require(query["code"])
            let state = try #require(query["state"])
            let finished = try await h.http.get(callback, authorized: false)
            let id = try #require(queryItems(finished.location ?? "")["identityId"])
            let first = try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token")
            #expect(first.status == 200)
            let firstRefreshToken = try #require(try await h.store.identity(serviceId: "hubspot", id: id)?.credentials.refreshToken)
            // A replayed callback, a denied consent and a proxied call, each of which logs.
            #expect(try await h.http.get(callback, authorized: false).status == 400)
            _ = try await h.walk(try await h.createSession(tags: ["tenantId": "other"]), decision: "deny")
            let proxied = try await h.http.get(
                "\(h.api)/proxy/hubspot/crm/v3/objects/contacts", headers: [("Keyway-Identity", id)])
            #expect(proxied.status == 200)
            // A refresh, which rotates the refresh token, then one the provider refuses.
            h.clock.advance(by: 1801)
            #expect(try await h.http.get("\(h.api)/services/hubspot/token?tenantId=contoso").status == 200)
            let stored = try #require(try await h.store.identity(serviceId: "hubspot", id: id)).credentials
            let secondRefreshToken = try #require(stored.refreshToken)
            #expect(secondRefreshToken != firstRefreshToken)
            _ = try await h.http.send(
                .DELETE, "\(h.sandboxURL)/oauth/v1/refresh-tokens/\(secondRefreshToken)", authorized: false)
            h.clock.advance(by: 1801)
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token").errorCode == "refresh_failed")

            let log = h.logs.text
            #expect(log.contains(id), "the log should name identities")
            #expect(log.contains("refresh grant refused"), "the failure paths ran and logged")
            let secrets = [
                code, state, first.json["accessToken"] as? String ?? "?", stored.accessToken, firstRefreshToken,
                secondRefreshToken, h.sandbox.options.clientSecret, APIKeyParser.parse(h.apiKey)!.secret,
            ]
            for secret in secrets {
                #expect(!log.contains(secret), "the log holds a secret")
            }
        }
    }

    @Test("list and get responses never carry tokens or the client secret")
    func responses() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            let credentials = try #require(try await h.store.identity(serviceId: "hubspot", id: id)).credentials
            let bodies = [
                try await h.http.get("\(h.api)/services").body,
                try await h.http.get("\(h.api)/services/hubspot").body,
                try await h.http.get("\(h.api)/services/hubspot/identities").body,
                try await h.http.get("\(h.api)/services/hubspot/identities/\(id)").body,
                try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token").body,
            ]
            for body in bodies {
                #expect(!body.contains(h.sandbox.options.clientSecret))
                #expect(!body.contains(try #require(credentials.refreshToken)))
            }
            for body in bodies.prefix(4) { #expect(!body.contains(credentials.accessToken)) }
            let service = try await h.http.get("\(h.api)/services/hubspot").json
            #expect(service["callbackUrl"] as? String == "\(h.base)/v1/oauth/callback/hubspot")
            #expect(service["clientId"] as? String == h.sandbox.options.clientId)
        }
    }
}
