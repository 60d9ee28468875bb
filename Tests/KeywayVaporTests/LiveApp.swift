import Vapor
import VaporTesting

/// A Vapor application under Vapor's own testers.
///
/// ``get(_:headers:)`` goes through `app.testing(method: .running(…))`: the app's real HTTP server, started for
/// the request, and a real client connection. That client follows redirects as a browser does but keeps no
/// cookies, and the tester stops the server after each request; so the port is fixed up front (a free one
/// Vapor's server was given), and the URLs Keyway sends the browser back to stay valid across requests.
/// ``route(_:)`` goes through `app.testing(method: .inMemory)` with this app's `Host`, to see the route's own
/// answer (the 302 and its headers) before anything follows it.
struct LiveApp {
    let live: any TestingApplicationTester
    let inMemory: any TestingApplicationTester
    /// `http://127.0.0.1:<port>`, what the app's `Host` header resolves finished paths against.
    let origin: String
    let host: String

    init(_ app: Application) async throws {
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        let port = app.http.server.shared.localAddress?.port
        await app.server.shutdown()
        guard let port else { throw Abort(.internalServerError, reason: "the server had no port") }
        live = try app.testing(method: .running(hostname: "127.0.0.1", port: port))
        inMemory = try app.testing(method: .inMemory)
        host = "127.0.0.1:\(port)"
        origin = "http://\(host)"
    }

    /// A GET over real HTTP, redirects followed: `target` is a path with its query, or an absolute URL on this app.
    func get(_ target: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await live.sendRequest(.GET, path(target), headers: headers)
    }

    /// The route's own answer to a GET from a browser that reached this app at ``origin``.
    func route(_ target: String) async throws -> TestingHTTPResponse {
        try await inMemory.sendRequest(.GET, path(target), headers: ["Host": host])
    }

    private func path(_ target: String) -> String {
        target.hasPrefix(origin) ? String(target.dropFirst(origin.count)) : target
    }
}
