import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// `keyway service ls | get | set | rm` against a live Keyway.
@Suite("CLI: service")
struct ServiceCommandTests {
    @Test("ls and get with --output json print exactly what the HTTP contract returns")
    func jsonIsTheContract() async throws {
        try await withCLI { h, cli in
            let list = try await cli.run("service ls --output json")
            #expect(list.status == 0, "\(list)")
            #expect(list.trimmedOutput == (try await h.http.get("\(h.api)/services")).body)
            #expect(list.items.map { $0["id"] as? String } == ["hubspot"])
            let one = try await cli.run("service get hubspot --output json")
            #expect(one.status == 0, "\(one)")
            #expect(one.trimmedOutput == (try await h.http.get("\(h.api)/services/hubspot")).body)
            #expect(one.object?["callbackUrl"] as? String == h.base + "/v1/oauth/callback/hubspot")
            #expect(one.stderr.isEmpty)
        }
    }

    @Test("table output lists services in aligned columns and get shows the callback URL to register")
    func tables() async throws {
        try await withCLI { h, cli in
            let list = try await cli.run("service ls")
            #expect(list.status == 0, "\(list)")
            let lines = list.trimmedOutput.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix("ID"))
            #expect(lines[0].contains("PROVIDER") && lines[0].contains("CLIENT ID") && lines[0].contains("SCOPES"))
            #expect(lines[1].hasPrefix("hubspot"))
            #expect(lines[1].contains("sandbox-client-id"))
            // Columns line up: PROVIDER starts where the row's provider does.
            let column = try #require(lines[0].range(of: "PROVIDER")).lowerBound.utf16Offset(in: lines[0])
            #expect(lines[1].dropFirst(column).hasPrefix("hubspot"))
            let one = try await cli.run("service get hubspot")
            #expect(one.status == 0, "\(one)")
            #expect(one.stdout.contains("Register this callback (redirect) URL with the provider: \(h.base)/v1/oauth/callback/hubspot"))
            #expect(one.stdout.contains("crm.objects.contacts.read"))
        }
    }

    @Test("set creates a custom service, then updates only the fields given; rm removes it")
    func setAndRemove() async throws {
        try await withCLI { h, cli in
            let created = try await cli.run([
                "service", "set", "crm", "--provider", "custom", "--client-id", "crm-id", "--client-secret",
                "crm-secret-1", "--scope", "contacts.read contacts.write", "--scope", "offline",
                "--authorization-url", "https://crm.example.com/oauth/authorize", "--token-url",
                "https://crm.example.com/oauth/token", "--api-base-url", "https://api.crm.example.com", "--pkce",
                "--token-auth-method", "client_secret_basic", "--authorization-param", "prompt=consent",
                "--issuer", "https://crm.example.com", "--output", "json",
            ])
            #expect(created.status == 0, "\(created)")
            let service = try #require(created.object)
            #expect(service["id"] as? String == "crm")
            #expect(service["provider"] as? String == "custom")
            #expect(service["clientId"] as? String == "crm-id")
            #expect(service["scopes"] as? [String] == ["contacts.read", "contacts.write", "offline"])
            #expect(service["authorizationUrl"] as? String == "https://crm.example.com/oauth/authorize")
            #expect(service["tokenUrl"] as? String == "https://crm.example.com/oauth/token")
            #expect(service["apiBaseUrl"] as? String == "https://api.crm.example.com")
            #expect(service["pkce"] as? Bool == true)
            #expect(service["tokenAuthMethod"] as? String == "client_secret_basic")
            #expect(service["authorizationParams"] as? [String: String] == ["prompt": "consent"])
            #expect(service["issuer"] as? String == "https://crm.example.com")
            #expect(service["callbackUrl"] as? String == h.base + "/v1/oauth/callback/crm")
            #expect(try await h.store.service(id: "crm")?.clientSecret == "crm-secret-1")

            // Only the given fields change.
            let updated = try await cli.run("service set crm --no-pkce --client-id crm-id-2 --output json")
            #expect(updated.status == 0, "\(updated)")
            #expect(updated.object?["pkce"] as? Bool == false)
            #expect(updated.object?["clientId"] as? String == "crm-id-2")
            #expect(updated.object?["scopes"] as? [String] == ["contacts.read", "contacts.write", "offline"])
            #expect(updated.object?["tokenAuthMethod"] as? String == "client_secret_basic")
            #expect(updated.object?["issuer"] as? String == "https://crm.example.com")
            #expect(try await h.store.service(id: "crm")?.clientSecret == "crm-secret-1")

            // '-' reads the secret from standard input; an empty override removes it.
            let secret = try await cli.run(
                ["service", "set", "crm", "--client-secret", "-", "--api-base-url", "", "--issuer", ""], stdin: "crm-secret-2\n")
            #expect(secret.status == 0, "\(secret)")
            #expect(try await h.store.service(id: "crm")?.clientSecret == "crm-secret-2")
            #expect(try await h.store.service(id: "crm")?.apiBaseUrl == nil)
            #expect(try await h.store.service(id: "crm")?.issuer == nil)

            let listed = try await cli.run("service ls --output json")
            #expect(listed.items.compactMap { $0["id"] as? String } == ["crm", "hubspot"])

            let removed = try await cli.run("service rm crm")
            #expect(removed.status == 0, "\(removed)")
            #expect(removed.trimmedOutput == "Removed service 'crm'.")
            let gone = try await cli.run("service get crm")
            #expect(gone.status == 1)
            #expect(gone.stderr == "error: service_not_found: No service named 'crm'.\n")
            #expect(gone.stdout.isEmpty)
        }
    }

    @Test("rm refuses a service with identities unless --force, which prints nothing with --output json")
    func removeInUse() async throws {
        try await withCLI { h, cli in
            _ = try await h.connect()
            let refused = try await cli.run("service rm hubspot")
            #expect(refused.status == 1)
            #expect(refused.stderr.hasPrefix("error: service_in_use: "), "\(refused)")
            #expect(try await h.store.countIdentities(serviceId: "hubspot") == 1)
            let forced = try await cli.run("service rm hubspot --force --output json")
            #expect(forced.status == 0, "\(forced)")
            #expect(forced.stdout.isEmpty)
            #expect(try await h.store.service(id: "hubspot") == nil)
        }
    }

    @Test("set refuses an invalid service with the server's code; bad choices are usage errors")
    func invalidSet() async throws {
        try await withCLI { _, cli in
            let unknown = try await cli.run("service set x --provider nope --client-id a --client-secret b")
            #expect(unknown.status == 1)
            #expect(unknown.stderr.hasPrefix("error: unknown_provider: "), "\(unknown)")
            let method = try await cli.run("service set hubspot --token-auth-method private_key_jwt")
            #expect(method.status == 2, "\(method)")
            #expect(method.stderr.contains("private_key_jwt"))
        }
    }
}
