import Foundation
import KeywayCore
import KeywayTestSupport
import NIOHTTP1
import Testing

/// Every API route against a key of each scope: the route answers 2xx when the scope allows it, else 403
/// `insufficient_scope` naming the missing scope, with nothing changed.
@Suite("Scopes: every route")
struct RouteScopeTests {
    /// One route of the contract: what it needs, a request to it (made fresh for each key, so that a route
    /// that deletes has something to delete), and a check that a refused request changed nothing.
    struct Route: Sendable {
        let name: String
        let needs: KeyScope?
        let prepare: @Sendable (Harness) async throws -> RouteCall
        var unchanged: @Sendable (Harness, RouteCall) async throws -> Bool = { _, _ in true }
    }

    /// A new contact each time (the sandbox refuses a second contact with the same email).
    static var contact: String { #"{"properties":{"email":"\#(UUID().uuidString)@example.com"}}"# }

    static let routes: [Route] = [
        Route(name: "GET providers", needs: nil) { _ in RouteCall(method: .GET, path: "/v1/providers") },
        Route(name: "GET provider", needs: nil) { _ in RouteCall(method: .GET, path: "/v1/providers/hubspot") },
        Route(name: "GET services", needs: nil) { _ in RouteCall(method: .GET, path: "/v1/services") },
        Route(name: "GET service", needs: nil) { _ in RouteCall(method: .GET, path: "/v1/services/hubspot") },
        Route(
            name: "PUT service", needs: .servicesWrite,
            prepare: { _ in RouteCall(method: .PUT, path: "/v1/services/hubspot", body: #"{"scopes":["oauth","changed"]}"#) },
            unchanged: { h, _ in try await h.keyway.service(id: "hubspot").scopes.contains("changed") == false }),
        Route(
            name: "DELETE service", needs: .servicesWrite,
            prepare: { h in
                try await h.addService("spare", apiBaseUrl: h.sandboxURL)
                return RouteCall(method: .DELETE, path: "/v1/services/spare")
            },
            unchanged: { h, _ in try await h.store.service(id: "spare") != nil }),
        Route(
            name: "POST session", needs: .identitiesWrite,
            prepare: { _ in
                RouteCall(
                    method: .POST, path: "/v1/services/hubspot/sessions",
                    body: #"{"tags":{"tenantId":"new"},"finishedUrl":"http://127.0.0.1:9/finished"}"#)
            },
            unchanged: { h, _ in try await h.count("sessions") == 0 }),
        Route(
            name: "POST identity (token import)", needs: .identitiesWrite,
            prepare: { _ in
                RouteCall(
                    method: .POST, path: "/v1/services/hubspot/identities",
                    body: #"{"tags":{"tenantId":"imported","n":"\#(UUID().uuidString)"},"credentials":{"accessToken":"imported-access-token"}}"#)
            },
            unchanged: { h, call in
                let marker = try #require(call.body?.split(separator: "\"").dropFirst(9).first)
                return try await h.store.identities(
                    serviceId: "hubspot", matching: ["n": String(marker)], limit: 5, after: nil
                ).items.isEmpty
            }),
        Route(name: "GET identities", needs: .identitiesRead) { _ in
            RouteCall(method: .GET, path: "/v1/services/hubspot/identities?tag=tenantId:contoso")
        },
        Route(name: "GET identity", needs: .identitiesRead) { h in
            RouteCall(method: .GET, path: "/v1/services/hubspot/identities/\(try await h.identityId())")
        },
        Route(
            name: "DELETE identity", needs: .identitiesWrite,
            prepare: { h in
                let id = try await h.storeIdentity(tags: ["tenantId": "doomed", "n": UUID().uuidString])
                return RouteCall(method: .DELETE, path: "/v1/services/hubspot/identities/\(id)")
            },
            unchanged: { h, call in
                try await h.store.identity(serviceId: "hubspot", id: String(call.path.split(separator: "/").last!)) != nil
            }),
        Route(
            name: "DELETE identities by tags", needs: .identitiesWrite,
            prepare: { h in
                let marker = UUID().uuidString
                _ = try await h.storeIdentity(tags: ["tenantId": "doomed", "n": marker])
                return RouteCall(method: .DELETE, path: "/v1/services/hubspot/identities?tag=n:\(marker)")
            },
            unchanged: { h, call in
                let marker = String(call.path.split(separator: ":").last!)
                return try await h.store.identities(serviceId: "hubspot", matching: ["n": marker], limit: 5, after: nil)
                    .items.count == 1
            }),
        Route(name: "GET token by id", needs: .tokensRead) { h in
            RouteCall(method: .GET, path: "/v1/services/hubspot/identities/\(try await h.identityId())/token")
        },
        Route(name: "GET token by tags", needs: .tokensRead) { _ in
            RouteCall(method: .GET, path: "/v1/services/hubspot/token?tag=tenantId:contoso")
        },
        Route(
            name: "proxy", needs: .tokensRead,
            prepare: { _ in
                RouteCall(
                    method: .POST, path: "/v1/proxy/hubspot/crm/v3/objects/contacts", body: contact,
                    headers: [("Keyway-Tags", "tenantId=contoso")])
            }),
        Route(
            name: "envelope proxy", needs: .tokensRead,
            prepare: { _ in
                RouteCall(
                    method: .POST, path: "/v1/services/hubspot/proxy",
                    body: #"{"tags":{"tenantId":"contoso"},"method":"POST","path":"/crm/v3/objects/contacts","body":\#(contact)}"#)
            }),
        Route(name: "GET keys", needs: .keysWrite) { _ in RouteCall(method: .GET, path: "/v1/keys") },
        Route(
            name: "POST key", needs: .keysWrite,
            prepare: { _ in RouteCall(method: .POST, path: "/v1/keys", body: #"{"name":"made","scopes":["keys:write"]}"#) },
            unchanged: { h, _ in try await h.store.apiKeys().contains { $0.name == "made" } == false }),
        Route(
            name: "DELETE key", needs: .keysWrite,
            prepare: { h in
                let target = try await h.keyway.createAPIKey(name: "target", scopes: KeyScopes([.keysWrite]))
                return RouteCall(method: .DELETE, path: "/v1/keys/\(target.record.id)")
            },
            unchanged: { h, call in try await h.store.apiKey(id: String(call.path.split(separator: "/").last!)) != nil }),
        Route(name: "GET webhooks", needs: .admin) { _ in RouteCall(method: .GET, path: "/v1/webhooks") },
        Route(
            name: "POST webhook", needs: .admin,
            prepare: { _ in RouteCall(method: .POST, path: "/v1/webhooks", body: #"{"url":"http://127.0.0.1:9/hook"}"#) },
            unchanged: { h, _ in try await h.keyway.webhooks().isEmpty }),
        Route(name: "GET audit", needs: .admin) { _ in RouteCall(method: .GET, path: "/v1/audit") },
    ]

    @Test("each route against a key of each scope: 2xx when allowed, else 403 insufficient_scope and no side effect")
    func table() async throws {
        try await Harness.run { h in
            _ = try await h.connect(tags: ["tenantId": "contoso", "userId": "u1"])
            let originalScopes = try await h.keyway.service(id: "hubspot").scopes
            let restore = String(
                decoding: try JSONSerialization.data(withJSONObject: ["scopes": originalScopes]), as: UTF8.self)
            var keys: [KeyScope: HTTP] = [:]
            for scope in KeyScope.allCases {
                keys[scope] = try await h.client(scopes: [scope], name: scope.rawValue).0
            }
            for route in Self.routes {
                for scope in KeyScope.allCases {
                    let allowed = route.needs.map { KeyScopes([scope]).allows($0) } ?? true
                    let call = try await route.prepare(h)
                    let sessionsBefore = try await h.count("sessions")
                    let apiRequestsBefore = h.sandbox.stats().apiRequests
                    let answer = try await keys[scope]!.send(
                        call.method, h.base + call.path, body: call.body, headers: call.headers)
                    let label = "\(route.name) with \(scope.rawValue)"
                    if allowed {
                        #expect((200..<300).contains(answer.status), "\(label): \(answer.status) \(answer.body)")
                    } else {
                        #expect(answer.status == 403, "\(label): \(answer.status) \(answer.body)")
                        #expect(answer.errorCode == "insufficient_scope", "\(label)")
                        let message = answer.json["message"] as? String ?? ""
                        #expect(message.contains("'\(route.needs!.rawValue)'"), "\(label): \(message)")
                        #expect(try await route.unchanged(h, call), "\(label) changed something")
                        #expect(try await h.count("sessions") == sessionsBefore, "\(label)")
                        #expect(h.sandbox.stats().apiRequests == apiRequestsBefore, "\(label)")
                    }
                    // Undo what an allowed call changed, so that the next key meets the same state.
                    if allowed, route.name == "PUT service" {
                        _ = try await h.http.put("\(h.api)/services/hubspot", json: restore)
                    }
                    if allowed, route.name == "POST key" {
                        for key in try await h.store.apiKeys() where key.name == "made" {
                            _ = try await h.store.deleteAPIKey(id: key.id)
                        }
                    }
                    if allowed, route.name == "POST webhook" {
                        for webhook in try await h.keyway.webhooks() { try await h.keyway.deleteWebhook(id: webhook.id) }
                    }
                    if allowed, route.name == "POST session" {
                        _ = try await h.store.deleteSessions(expiredBefore: .distantFuture)
                    }
                }
            }
        }
    }

    @Test("no key, an unknown key and a malformed header are 401 on every route")
    func unauthenticated() async throws {
        try await Harness.run { h in
            _ = try await h.connect()
            for route in Self.routes {
                let call = try await route.prepare(h)
                let none = try await h.http.send(call.method, h.base + call.path, body: call.body, authorized: false)
                #expect(none.status == 401, "\(route.name)")
                var bogus = h.http
                bogus.apiKey = "kw_key_0123456789abcdef_wrong"
                let wrong = try await bogus.send(call.method, h.base + call.path, body: call.body)
                #expect(wrong.status == 401, "\(route.name)")
                #expect(wrong.errorCode == "unauthorized", "\(route.name)")
            }
        }
    }
}

extension Harness {
    /// The id of the identity tagged tenantId=contoso.
    func identityId() async throws -> String {
        try await store.identities(serviceId: "hubspot", matching: ["tenantId": "contoso"], limit: 1, after: nil)
            .items[0].id
    }
}
