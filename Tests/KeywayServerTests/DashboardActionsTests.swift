import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// The dashboard's actions over real HTTP: each form goes through the engine, needs the browser's form token,
/// and every value a page shows is escaped text.
@Suite("Dashboard actions")
struct DashboardActionsTests {
    @Test("a form without this browser's token changes nothing; with it, the action runs")
    func formToken() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            let browser = try await DashboardSignIn.signIn(h)
            let other = try await DashboardSignIn.signIn(h)
            #expect(browser.csrf != other.csrf, "each sign-in has its own token")
            let path = "/dashboard/services/hubspot/identities/\(id)/delete"
            for token in ["", "AAAA", other.csrf] {
                let refused = try await browser.post(path, csrf: token)
                #expect(refused.status == 400, "\(token)")
                #expect(refused.errorCode == "invalid_form_token")
            }
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 1)
            #expect(try await browser.post(path).status == 303)
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
        }
    }

    @Test("a tag, a reason or a name with markup is shown as text; pages run no script")
    func escaping() async throws {
        try await Harness.run { h in
            let hostile = "<script>alert(1)</script>"
            let id = try await h.connect(tags: ["tenantId": hostile, "userId": "\"><img src=x onerror=alert(1)>"])
            let browser = try await DashboardSignIn.signIn(h)
            for path in ["/dashboard/services/hubspot", "/dashboard/services/hubspot/identities/\(id)"] {
                let page = try await browser.get(path)
                #expect(page.status == 200)
                #expect(page.body.contains("tenantId=&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
                #expect(!page.body.contains("<script"), "\(path)")
                #expect(!page.body.contains("<img"), "\(path)")
                let policy = try #require(page.headers.first(name: "content-security-policy"))
                #expect(policy.contains("default-src 'none'") && !policy.contains("script-src"))
            }
            let filtered = try await browser.get("/dashboard/services/hubspot?tag=\(HTTP.escape("tenantId:\(hostile)"))")
            #expect(filtered.body.contains(id), "the filter finds it")
            #expect(!filtered.body.contains("<script"))
        }
    }

    @Test("services: create from the catalog, edit with a write-only secret, delete")
    func services() async throws {
        try await Harness.run { h in
            let browser = try await DashboardSignIn.signIn(h)
            let picker = try await browser.get("/dashboard/services/new?search=slack")
            #expect(picker.body.contains("Slack"))
            #expect(picker.body.contains("\(h.base)/v1/oauth/callback/slack"), "the callback URL to register")
            #expect(!picker.body.contains(">HubSpot<"), "the search filters the catalog")
            let created = try await browser.post(
                "/dashboard/services",
                [("provider", "slack"), ("id", "slack"), ("clientId", "cid-1"), ("clientSecret", "s3cret-one"),
                 ("scopes", "chat:write users:read")])
            #expect(created.status == 303, "\(created.body)")
            var service = try await h.keyway.service(id: "slack")
            #expect(service.clientSecret == "s3cret-one")
            #expect(service.scopes == ["chat:write", "users:read"])
            let page = try await browser.get("/dashboard/services/slack")
            #expect(page.body.contains("cid-1"))
            #expect(!page.body.contains("s3cret-one"), "the secret is write-only")

            #expect(try await browser.post("/dashboard/services/slack/edit", [("clientId", "cid-2"), ("clientSecret", ""), ("scopes", "chat:write")]).status == 303)
            service = try await h.keyway.service(id: "slack")
            #expect(service.clientId == "cid-2")
            #expect(service.clientSecret == "s3cret-one", "an empty secret keeps the current one")
            #expect(service.scopes == ["chat:write"])
            #expect(try await browser.post("/dashboard/services/slack/edit", [("clientId", "cid-2"), ("clientSecret", "s3cret-two")]).status == 303)
            #expect(try await h.keyway.service(id: "slack").clientSecret == "s3cret-two")

            let duplicate = try await browser.post(
                "/dashboard/services", [("provider", "slack"), ("id", "slack"), ("clientId", "x"), ("clientSecret", "y")])
            #expect(duplicate.status == 409)
            #expect(try await h.keyway.service(id: "slack").clientId == "cid-2", "creating never overwrites")

            #expect(try await browser.post("/dashboard/services/slack/delete").status == 303)
            #expect(try await h.keyway.services().map(\.id) == ["hubspot"])
        }
    }

    @Test("Connect a test identity runs the real flow and comes back to the service's page")
    func connectTestIdentity() async throws {
        try await Harness.run { h in
            let browser = try await DashboardSignIn.signIn(h)
            let started = try await browser.post("/dashboard/services/hubspot/connect", [("tags", "userId:dash tenantId:demo")])
            #expect(started.status == 303)
            let connectURL = try #require(started.location)
            #expect(connectURL.hasPrefix("\(h.base)/v1/connect/"))
            let finished = try await h.walk(connectURL)
            #expect(finished.hasPrefix("\(h.base)/dashboard/services/hubspot?connected=1"))
            let identityId = try #require(queryItems(finished)["identityId"])
            let identity = try await h.keyway.identity(serviceId: "hubspot", id: identityId)
            #expect(identity.tags == ["userId": "dash", "tenantId": "demo"])
            let page = try await browser.get("/dashboard/services/hubspot?connected=1&identityId=\(identityId)")
            #expect(page.body.contains("The test identity is connected."))
            #expect(page.body.contains(identityId))
        }
    }

    @Test("Refresh now gets new tokens; Disconnect deletes and revokes at the provider; no token on the page")
    func refreshAndDisconnect() async throws {
        try await Harness.run { h in
            let id = try await h.connect()
            let before = try await h.keyway.identity(serviceId: "hubspot", id: id)
            let browser = try await DashboardSignIn.signIn(h)
            let detail = try await browser.get("/dashboard/services/hubspot/identities/\(id)")
            #expect(detail.body.contains("Refresh now") && detail.body.contains("Disconnect"))
            #expect(detail.body.contains(before.createdAt.rfc3339))
            #expect(!detail.body.contains(before.credentials.accessToken))
            #expect(!detail.body.contains(try #require(before.credentials.refreshToken)))

            let refreshed = try await browser.post("/dashboard/services/hubspot/identities/\(id)/refresh")
            #expect(refreshed.status == 303)
            #expect(refreshed.location?.hasSuffix("?refreshed=1") == true)
            let after = try await h.keyway.identity(serviceId: "hubspot", id: id)
            #expect(after.credentials.accessToken != before.credentials.accessToken, "a refresh, though not expired")
            #expect(after.version > before.version)

            let refreshToken = try #require(after.credentials.refreshToken)
            let tokenInfo = "\(h.sandboxURL)/oauth/v1/refresh-tokens/\(refreshToken)"
            #expect(try await h.http.get(tokenInfo, authorized: false).status == 200)
            let disconnected = try await browser.post("/dashboard/services/hubspot/identities/\(id)/delete")
            #expect(disconnected.location?.hasSuffix("?disconnected=revoked") == true, "\(disconnected.location ?? "")")
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 0)
            #expect(try await h.http.get(tokenInfo, authorized: false).status == 404, "revoked at the sandbox")
        }
    }

    @Test("keys: a new key is shown once and works; deleting it ends it; webhooks and the audit log list")
    func keysWebhooksAudit() async throws {
        try await Harness.run { h in
            let browser = try await DashboardSignIn.signIn(h)
            let created = try await browser.post("/dashboard/keys", [("name", "reporting <b>"), ("scopes", "identities:read")])
            #expect(created.status == 200)
            #expect(created.body.contains("reporting &lt;b&gt;"))
            let keyRange = try #require(created.body.range(of: #"kw_key_[A-Za-z0-9_-]+"#, options: .regularExpression))
            let key = String(created.body[keyRange])
            let record = try #require(try await h.keyway.authenticate(apiKey: key))
            #expect(record.scopes.text == "identities:read")
            let list = try await browser.get("/dashboard/keys")
            #expect(list.body.contains(record.id))
            #expect(!list.body.contains(key), "shown once")
            #expect(try await browser.post("/dashboard/keys/\(record.id)/delete").status == 303)
            #expect(try await h.keyway.authenticate(apiKey: key) == nil)

            let hook = try await browser.post("/dashboard/webhooks", [("url", "https://hooks.example.com/k"), ("events", "")])
            #expect(hook.status == 200, "\(hook.body)")
            #expect(hook.body.contains("whsec_"), "the signing secret, once")
            let hooks = try await browser.get("/dashboard/webhooks")
            #expect(hooks.body.contains("https://hooks.example.com/k"))
            #expect(!hooks.body.contains("whsec_"))

            let id = try await h.connect()
            #expect(try await h.http.get("\(h.api)/services/hubspot/identities/\(id)/token").status == 200)
            let audit = try await browser.get("/dashboard/audit")
            #expect(audit.status == 200)
            #expect(audit.body.contains(id), "the token read is listed")
        }
    }
}
