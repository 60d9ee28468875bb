import Foundation
import Hummingbird
import HummingbirdTesting
import KeywaySandbox
import Logging
import Testing

@Suite("Consent page and authorization")
struct AuthorizeTests {
    @Test("the consent page names the scopes and carries every field as a hidden input")
    func consentPage() async throws {
        try await withSandbox { client, _ in
            let pairs = [
                ("client_id", clientId), ("redirect_uri", callback), ("scope", contactScopes), ("state", "s1"),
                ("code_challenge", "abc"), ("code_challenge_method", "S256"), ("optional_scope", "crm.lists.read"),
            ]
            let page = try await client.get("/oauth/authorize?" + query(pairs))
            #expect(page.status == .ok)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            let html = text(page)
            #expect(html.contains("<form method=\"post\" action=\"/oauth/authorize\">"))
            #expect(html.contains("crm.objects.contacts.write"))
            #expect(html.contains("crm.lists.read"))
            #expect(html.contains("id=\"allow\" name=\"decision\" value=\"allow\""))
            #expect(html.contains("id=\"deny\" name=\"decision\" value=\"deny\""))
            #expect(html.contains("name=\"code_challenge\" value=\"abc\""))
            #expect(html.contains("name=\"state\" value=\"s1\""))
        }
    }

    @Test("everything echoed on the consent page is escaped")
    func consentEscapes() async throws {
        try await withSandbox { client, _ in
            let evil = "\"><script>alert(1)</script>"
            let pairs = [
                ("client_id", clientId), ("redirect_uri", callback), ("scope", "oauth <img src=x>"),
                ("state", evil),
            ]
            let page = try await client.get("/oauth/authorize?" + query(pairs))
            #expect(page.status == .ok)
            let html = text(page)
            #expect(!html.contains("<script>"))
            #expect(!html.contains("<img"))
            #expect(html.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("&lt;img"))
        }
    }

    @Test("an unknown client id or a redirect off loopback gets a 400 page, not a redirect")
    func badClientAndRedirect() async throws {
        try await withSandbox { client, _ in
            let unknown = try await client.get(
                "/oauth/authorize?" + query([("client_id", "<nope>"), ("redirect_uri", callback), ("scope", "oauth")])
            )
            #expect(unknown.status == .badRequest)
            #expect(unknown.headers[.location] == nil)
            #expect(text(unknown).contains("Unknown client_id: &lt;nope&gt;"))
            for redirect in [
                "https://evil.example.com/cb", "ftp://127.0.0.1/cb", "http://127.0.0.1/cb#frag", "/relative",
            ] {
                let page = try await client.get(
                    "/oauth/authorize?"
                        + query([("client_id", clientId), ("redirect_uri", redirect), ("scope", "oauth")])
                )
                #expect(page.status == .badRequest, "\(redirect)")
                #expect(page.headers[.location] == nil)
            }
            for redirect in ["http://localhost:3000/cb", "http://[::1]:3000/cb", "https://127.0.0.1/cb"] {
                let page = try await client.get(
                    "/oauth/authorize?"
                        + query([("client_id", clientId), ("redirect_uri", redirect), ("scope", "oauth")])
                )
                #expect(page.status == .ok, "\(redirect)")
            }
        }
    }

    @Test("allow appends code and state to a redirect URI that already has a query")
    func allowKeepsQuery() async throws {
        try await withSandbox { client, _ in
            let redirect = "http://localhost:9000/cb?tenant=contoso"
            let pairs = [("client_id", clientId), ("redirect_uri", redirect), ("scope", "oauth"), ("state", "a b&c")]
            let response = try await client.postForm("/oauth/authorize", pairs + [("decision", "allow")])
            #expect(response.status == .found)
            let location = try #require(response.headers[.location])
            #expect(location.hasPrefix("http://localhost:9000/cb?tenant=contoso&code=sbx-code-"))
            let items = try queryItems(of: response)
            #expect(items["tenant"] == "contoso")
            #expect(items["state"] == "a b&c")
        }
    }

    @Test("deny redirects with access_denied and the state")
    func deny() async throws {
        try await withSandbox { client, _ in
            let pairs = [("client_id", clientId), ("redirect_uri", callback), ("scope", "oauth"), ("state", "xyz")]
            let response = try await client.postForm("/oauth/authorize", pairs + [("decision", "deny")])
            #expect(response.status == .found)
            let items = try queryItems(of: response)
            #expect(items["error"] == "access_denied")
            #expect(items["error_description"]?.isEmpty == false)
            #expect(items["state"] == "xyz")
            #expect(items["code"] == nil)
        }
    }

    @Test("a missing scope or an unknown PKCE method goes back to the app as an OAuth error")
    func redirectedErrors() async throws {
        try await withSandbox { client, _ in
            let noScope = try await client.get(
                "/oauth/authorize?" + query([("client_id", clientId), ("redirect_uri", callback), ("state", "s")])
            )
            #expect(noScope.status == .found)
            #expect(try queryItems(of: noScope)["error"] == "invalid_scope")
            let badMethod = try await client.get(
                "/oauth/authorize?"
                    + query([
                        ("client_id", clientId), ("redirect_uri", callback), ("scope", "oauth"),
                        ("code_challenge", "x"), ("code_challenge_method", "MD5"),
                    ])
            )
            #expect(badMethod.status == .found)
            #expect(try queryItems(of: badMethod)["error"] == "invalid_request")
        }
    }

    @Test("mounted under a prefix, the form posts back to the prefixed path and the flow works")
    func mountedUnderPrefix() async throws {
        let sandbox = SandboxHubSpot()
        let router = Router()
        router.get("/healthz") { _, _ in "ok" }
        sandbox.addRoutes(to: router.group("sandbox/hubspot"))
        var logger = Logger(label: "mounted")
        logger.logLevel = .warning
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: logger
        )
        try await app.test(.live) { live in
            let client = SandboxClient(client: live, base: "/sandbox/hubspot")
            let pairs = [("client_id", clientId), ("redirect_uri", callback), ("scope", "oauth")]
            let page = try await client.get("/oauth/authorize?" + query(pairs))
            #expect(text(page).contains("action=\"/sandbox/hubspot/oauth/authorize\""))
            let tokens = try await client.connect()
            let accessToken = try #require(tokens["access_token"] as? String)
            let info = try await client.get("/oauth/v1/access-tokens/\(accessToken)")
            #expect(info.status == .ok)
        }
    }
}
