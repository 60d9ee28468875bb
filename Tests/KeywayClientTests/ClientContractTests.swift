import Foundation
import Hummingbird
import KeywayAPI
import KeywayClient
import Testing

/// The SDK over the generated client, against a stand-in that answers the contract's JSON with shapes the live
/// Keyway rarely produces: every kind of native field, times with and without fractions, error bodies.
@Suite("KeywayClient over the generated client")
struct ClientContractTests {
    /// A token answer as `GET …/token` sends it, with `native` holding every JSON shape.
    static func tokenAnswer(id: String, expiresAt: String) -> String {
        #"""
        {"identityId":"\#(id)","accessToken":"at-secret-\#(id)","expiresAt":"\#(expiresAt)","authMode":"oauth2",
         "identity":{"id":"\#(id)","serviceId":"crm","tags":{"tenantId":"contoso"},"status":"active",
                     "metadata":{"hub_id":"62515"},"createdAt":"2026-05-01T12:00:00Z","updatedAt":"2026-05-01T12:00:00.5Z"},
         "native":{"n":62515,"f":1.5,"b":true,"s":"x","z":null,"a":[1,"y",false],"o":{"k":{"deep":"v"}}}}
        """#
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    @Test("native fields of every shape arrive as JSONValue; RFC 3339 times with or without fractions are read")
    func nativeAndTimes() async throws {
        let router = Router()
        router.get("v1/services/crm/identities/:id/token") { _, context in
            let id = try context.parameters.require("id")
            return Self.json(.ok, Self.tokenAnswer(id: id, expiresAt: id == "idn_a" ? "2026-05-01T13:00:00Z" : "2026-05-01T13:00:00.250Z"))
        }
        try await withApp(router) { base in
            let keyway = KeywayClient(url: base, apiKey: "kw_key_x_y")
            let plain = try #require(try await keyway.identity(for: "crm", id: "idn_a"))
            #expect(plain.expiresAt == Date(timeIntervalSince1970: 1_777_640_400))
            let fractional = try #require(try await keyway.identity(for: "crm", id: "idn_b"))
            #expect(fractional.expiresAt == Date(timeIntervalSince1970: 1_777_640_400.25))
            #expect(plain.tags == ["tenantId": "contoso"])
            #expect(plain.serviceId == "crm")
            let native = plain.native
            #expect(native["n"] == .number(62515) && native["n"]?.stringValue == "62515")
            #expect(native["f"] == .number(1.5))
            #expect(native["b"] == .bool(true) && native["b"]?.stringValue == "true")
            #expect(native["s"] == .string("x"))
            #expect(native["z"] == .null)
            #expect(native["a"] == .array([.number(1), .string("y"), .bool(false)]))
            #expect(native["o"]?[path: "k.deep"] == .string("v"))
        }
    }

    @Test("error answers carry Keyway's code and status; only identity_not_found on a token read is nil")
    func errorAnswers() async throws {
        let router = Router()
        router.get("v1/services/:service/token") { _, context in
            switch try context.parameters.require("service") {
            case "gone": Self.json(.notFound, #"{"error":"identity_not_found","message":"No identity."}"#)
            case "nosuch": Self.json(.notFound, #"{"error":"service_not_found","message":"No service 'nosuch'."}"#)
            case "stale": Self.json(.conflict, #"{"error":"refresh_failed","message":"HubSpot refused."}"#)
            default: Self.json(.internalServerError, "<html>oops</html>")
            }
        }
        try await withApp(router) { base in
            let keyway = KeywayClient(url: base, apiKey: "kw_key_x_y")
            let gone = try await keyway.identity(for: "gone", tags: ["tenantId": "c"])
            #expect(gone == nil)
            let missing = await expectClientError { _ = try await keyway.identity(for: "nosuch", tags: ["tenantId": "c"]) }
            #expect(missing?.code == "service_not_found" && missing?.status == 404 && missing?.kind == .server)
            #expect(missing?.message == "No service 'nosuch'.")
            let stale = await expectClientError { _ = try await keyway.identity(for: "stale", tags: ["tenantId": "c"]) }
            #expect(stale?.code == "refresh_failed" && stale?.status == 409 && stale?.needsReconnection == true)
            let broken = await expectClientError { _ = try await keyway.identity(for: "other", tags: ["tenantId": "c"]) }
            #expect(broken?.code == "unexpected_status" && broken?.status == 500)
        }
    }

    @Test("answerBody returns a 2xx answer byte for byte, and refusals as typed calls do")
    func answerBody() async throws {
        let router = Router()
        let listed = #"{ "items" : [ ],  "extra": 1 }"#
        router.get("v1/services") { _, _ in Self.json(.ok, listed) }
        router.get("v1/keys") { _, _ in Self.json(.forbidden, #"{"error":"insufficient_scope","message":"Needs admin."}"#) }
        try await withApp(router) { base in
            let keyway = KeywayClient(url: base, apiKey: "kw_key_x_y")
            let data = try await keyway.answerBody { try await $0.listServices().ok }
            #expect(String(decoding: data, as: UTF8.self) == listed)
            let refused = await expectClientError { _ = try await keyway.answerBody { try await $0.listKeys().ok } }
            #expect(refused?.code == "insufficient_scope" && refused?.status == 403)
        }
    }

    @Test("a scope, event or token auth method the contract does not name is refused before anything is sent")
    func unknownContractValues() async throws {
        // Port 9 has no listener: a request that went out would fail as transport_failed instead.
        let keyway = KeywayClient(url: "http://127.0.0.1:9", apiKey: "kw_key_x_y")
        let scope = await expectClientError { _ = try await keyway.createKey(name: "k", scopes: ["tokens:reed"]) }
        #expect(scope?.code == "invalid_scope" && scope?.kind == .invalidArgument && scope?.status == nil)
        let event = await expectClientError {
            _ = try await keyway.createWebhook(url: "https://hooks.example.com/x", events: ["identity.exploded"])
        }
        #expect(event?.code == "invalid_events" && event?.kind == .invalidArgument)
        var definition = ServiceDefinition(provider: "hubspot", tokenAuthMethod: "client_secret_jwt")
        #expect(definition.tokenAuthMethod == "client_secret_jwt")
        let method = await expectClientError { _ = try await keyway.setService("crm", definition) }
        #expect(method?.code == "invalid_field" && method?.kind == .invalidArgument)
        definition.tokenAuthMethod = "client_secret_basic"
        let sent = await expectClientError { _ = try await keyway.setService("crm", definition) }
        #expect(sent?.code == "transport_failed")
    }

    @Test("printing, debug-printing or dumping a token, credentials, a definition or a key never shows the secret")
    func secretsStayHidden() {
        let identity = ConnectedIdentity(
            id: "idn_1", serviceId: "crm", accessToken: "at-secret-1", expiresAt: nil,
            native: ["access_token": .string("at-secret-1")])
        let credentials: [IdentityCredentials] = [
            .apiKey("at-secret-1"), .basic(username: "u", password: "at-secret-1"),
            .clientCredentials(clientId: "c", clientSecret: "at-secret-1"),
            .importedToken(accessToken: "at-secret-1", refreshToken: "at-secret-1", expiresAt: nil, scopes: nil),
        ]
        var definition = ServiceDefinition(clientId: "c")
        definition.clientSecret = "at-secret-1"
        let values: [Any] = [identity, definition] + credentials
        for value in values {
            var dumped = ""
            dump(value, to: &dumped)
            for shown in ["\(value)", String(reflecting: value), dumped] {
                #expect(!shown.contains("at-secret-1"), "\(type(of: value)) shows its secret: \(shown)")
            }
        }
    }
}
