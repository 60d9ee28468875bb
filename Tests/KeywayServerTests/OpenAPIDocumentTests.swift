import Foundation
import Hummingbird
import KeywayCore
import KeywayServer
import KeywayTestSupport
import NIOHTTP1
import Testing

/// The OpenAPI document: served without a key, and in step with the router, so that it cannot drift silently.
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    /// The document in the source tree, the one the server bundles.
    static let sourceText: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/KeywayServer/Resources/openapi.yaml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test("GET /openapi.yaml answers the repository's document without a key")
    func served() async throws {
        try await Harness.run { h in
            let answer = try await h.http.get("\(h.base)/openapi.yaml", authorized: false)
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "content-type")?.hasPrefix("application/yaml") == true)
            #expect(!Self.sourceText.isEmpty)
            #expect(answer.body == Self.sourceText)
            #expect(answer.body.hasPrefix("openapi: 3.1"))
        }
    }

    @Test("every route the router registers is in the document, and every operation of the document is routed")
    func routesMatch() async throws {
        try await Harness.run { h in
            let router = KeywayRouter.make(keyway: h.keyway, audit: h.audit)
            let routed = Set(router.routes.map { "\($0.method.rawValue) \(Self.templated($0.path.description))" })
            let documented = Set(OpenAPIOperations.parse(Self.sourceText).map(\.key))
            #expect(routed.count > 40)
            let undocumented = routed.subtracting(documented).sorted()
            let unrouted = documented.subtracting(routed).sorted()
            #expect(undocumented.isEmpty, "routes missing from openapi.yaml: \(undocumented)")
            #expect(unrouted.isEmpty, "operations in openapi.yaml that no route serves: \(unrouted)")
        }
    }

    @Test("each API operation's x-keyway-scope is the scope the route enforces")
    func scopesMatch() async throws {
        try await Harness.run { h in
            let operations = OpenAPIOperations.parse(Self.sourceText)
            #expect(operations.count > 40)
            var keys: [KeyScope: String] = [:]
            for scope in KeyScope.allCases {
                keys[scope] = try await h.keyway.createAPIKey(name: scope.rawValue, scopes: KeyScopes([scope])).key
            }
            for operation in operations {
                let url = h.base + operation.path.replacingOccurrences(
                    of: #"\{[^}]+\}"#, with: "nope", options: .regularExpression)
                let method = HTTPMethod(rawValue: operation.method)
                let body: String? = ["POST", "PUT", "PATCH"].contains(operation.method) ? "{}" : nil
                /// What the key check said: `unauthorized`, `insufficient_scope`, or nil when it let the call through
                /// (a HEAD answer has no body, so its status tells).
                func gate(_ scope: KeyScope?) async throws -> String? {
                    var http = h.http
                    http.apiKey = scope.flatMap { keys[$0] }
                    let answer = try await http.send(method, url, body: body, authorized: scope != nil)
                    if operation.method == "HEAD" {
                        return answer.status == 401 ? "unauthorized" : answer.status == 403 ? "insufficient_scope" : nil
                    }
                    return answer.errorCode.flatMap { ["unauthorized", "insufficient_scope"].contains($0) ? $0 : nil }
                }
                switch operation.scope {
                case "none":
                    #expect(try await gate(nil) == nil, "\(operation.key) needs no key")
                case "any":
                    #expect(try await gate(nil) == "unauthorized", "\(operation.key) needs a key")
                    #expect(try await gate(.identitiesRead) == nil, "\(operation.key) takes any key")
                case let name?:
                    let scope = try #require(KeyScope(rawValue: name), "\(operation.key): unknown scope \(name)")
                    #expect(try await gate(nil) == "unauthorized", "\(operation.key) needs a key")
                    #expect(try await gate(scope) == nil, "\(operation.key) allows \(name)")
                    for other in KeyScope.allCases where !KeyScopes([other]).allows(scope) {
                        #expect(try await gate(other) == "insufficient_scope", "\(operation.key) refuses \(other.rawValue)")
                    }
                case nil:
                    Issue.record("\(operation.key) has no x-keyway-scope")
                }
            }
        }
    }

    /// A router path in the document's notation: `**` (the proxy's rest of the path) is `{path}`.
    static func templated(_ path: String) -> String {
        path.replacingOccurrences(of: "/**", with: "/{path}")
    }
}

/// The operations of the document, read from its layout (paths at two spaces, methods at four, the scope at
/// six), which is enough for the checks above and needs no YAML library.
struct OpenAPIOperations {
    struct Operation {
        let method: String
        let path: String
        var scope: String?
        var key: String { "\(method) \(path)" }
    }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    static func parse(_ text: String) -> [Operation] {
        var operations: [Operation] = []
        var inPaths = false
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            guard inPaths else { continue }
            if !line.isEmpty, !line.hasPrefix(" ") { break }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let name = line.dropFirst(4).prefix { $0 != ":" }
                if methods.contains(String(name)) {
                    operations.append(Operation(method: name.uppercased(), path: path))
                }
            } else if line.hasPrefix("      x-keyway-scope: "), !operations.isEmpty {
                operations[operations.count - 1].scope = String(line.dropFirst("      x-keyway-scope: ".count))
            }
        }
        return operations
    }
}
