import Foundation
import KeywayCore
import KeywayTestSupport
import Testing

/// `keyway key create | ls | rm` and the `/v1/keys` routes behind them.
@Suite("CLI: key")
struct KeyCommandTests {
    @Test("create prints a working key once; ls shows ids, names, scopes and last use only; a deleted key gets 401")
    func lifecycle() async throws {
        try await withCLI { h, cli in
            let created = try await cli.run("key create --name ci --output json")
            #expect(created.status == 0, "\(created)")
            let object = try #require(created.object)
            #expect(Set(object.keys) == ["id", "name", "createdAt", "key", "scopes"])
            #expect(object["scopes"] as? [String] == ["admin"])
            #expect(object["name"] as? String == "ci")
            let id = try #require(object["id"] as? String)
            let key = try #require(object["key"] as? String)
            #expect(APIKeyParser.parse(key)?.id == id)

            // The new key works on its own.
            let withNewKey = try await cli.run(["service", "ls", "--api-key", key, "--output", "json"])
            #expect(withNewKey.status == 0, "\(withNewKey)")

            let listed = try await cli.run("key ls --output json")
            #expect(listed.status == 0, "\(listed)")
            // The same JSON as the route, but for the listing key's last use, which each listing moves.
            let withoutLastUse = { (text: String) in
                text.replacingOccurrences(of: #""lastUsedAt":"[^"]*""#, with: "", options: .regularExpression)
            }
            #expect(withoutLastUse(listed.trimmedOutput) == withoutLastUse(try await h.http.get("\(h.api)/keys").body))
            #expect(listed.items.compactMap { $0["name"] as? String } == ["test", "ci"])
            for item in listed.items { #expect(Set(item.keys) == ["id", "name", "createdAt", "scopes", "lastUsedAt"]) }
            let table = try await cli.run("key ls")
            #expect(table.stdout.hasPrefix("ID"))
            #expect(table.stdout.contains(id))
            #expect(!table.stdout.contains(key))

            let removed = try await cli.run("key rm \(id)")
            #expect(removed.status == 0, "\(removed)")
            #expect(removed.trimmedOutput == "Deleted API key \(id).")
            let refused = try await cli.run(["service", "ls", "--api-key", key])
            #expect(refused.status == 1)
            #expect(refused.stderr == "error: unauthorized: The API key is not valid.\n")
            let again = try await cli.run("key rm \(id)")
            #expect(again.status == 1)
            #expect(again.stderr.hasPrefix("error: key_not_found: "), "\(again)")
        }
    }

    @Test("create without --name is named 'cli'; table output shows the key once with a warning")
    func createTable() async throws {
        try await withCLI { _, cli in
            let created = try await cli.run("key create")
            #expect(created.status == 0, "\(created)")
            let lines = created.trimmedOutput.split(separator: "\n").map(String.init)
            #expect(lines.count == 2)
            #expect(lines[0].contains("named 'cli'"))
            #expect(lines[0].contains("shown this once"))
            #expect(APIKeyParser.parse(lines[1]) != nil)
        }
    }

    @Test("a key cannot delete itself: 409 key_in_use")
    func notItself() async throws {
        try await withCLI { h, cli in
            let ownId = try #require(APIKeyParser.parse(h.apiKey)?.id)
            let refused = try await cli.run("key rm \(ownId)")
            #expect(refused.status == 1)
            #expect(refused.stderr.hasPrefix("error: key_in_use: "), "\(refused)")
            #expect(try await h.keyway.authenticate(apiKey: h.apiKey) != nil)

            // Rotation: a new key deletes the old one.
            let created = try await cli.run("key create --name next --output json")
            let newKey = try #require(created.object?["key"] as? String)
            let rotated = try await cli.run(["key", "rm", ownId, "--api-key", newKey])
            #expect(rotated.status == 0, "\(rotated)")
            #expect(try await h.keyway.authenticate(apiKey: h.apiKey) == nil)
        }
    }

    @Test("POST /v1/keys checks its body; the key routes need an API key")
    func routes() async throws {
        try await Harness.run { h in
            let missing = try await h.http.post("\(h.api)/keys", json: "{}")
            #expect(missing.status == 400)
            #expect(missing.errorCode == "missing_field")
            let empty = try await h.http.post("\(h.api)/keys", json: #"{"name":""}"#)
            #expect(empty.errorCode == "invalid_name")
            let created = try await h.http.post("\(h.api)/keys", json: #"{"name":"app"}"#)
            #expect(created.status == 201)
            #expect(created.headers.first(name: "cache-control") == "no-store")
            for (method, path) in [("GET", "/v1/keys"), ("POST", "/v1/keys"), ("DELETE", "/v1/keys/key_0000")] {
                let answer = try await h.http.send(
                    .init(rawValue: method), h.base + path, body: method == "POST" ? #"{"name":"x"}"# : nil,
                    authorized: false)
                #expect(answer.status == 401, "\(method) \(path)")
            }
            let unknown = try await h.http.delete("\(h.api)/keys/key_0000")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "key_not_found")
        }
    }
}
