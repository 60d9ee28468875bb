import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// An HTTP answer, read whole.
public struct HTTPAnswer: Sendable {
    public let status: Int
    public let headers: HTTPHeaders
    public let body: String

    /// The body as a JSON object.
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }

    /// The `error` code of a JSON error body.
    public var errorCode: String? { json["error"] as? String }

    /// The `Location` header.
    public var location: String? { headers.first(name: "location") }
}

/// A client that speaks real HTTP and never follows redirects, as a test browser and an app would. It keeps
/// cookies like one browser does (copies share the jar); ``newBrowser()`` gives another browser.
public struct HTTP: Sendable {
    public let client: HTTPClient
    public var apiKey: String?
    /// The cookies of the browser this client acts as.
    public var cookies: CookieJar

    /// Creates a client over an `HTTPClient` that does not follow redirects, with an empty cookie jar.
    public init(client: HTTPClient, apiKey: String? = nil, cookies: CookieJar = CookieJar()) {
        self.client = client
        self.apiKey = apiKey
        self.cookies = cookies
    }

    /// The same client acting as another browser: an empty cookie jar of its own.
    public func newBrowser() -> HTTP {
        HTTP(client: client, apiKey: apiKey, cookies: CookieJar())
    }

    public func send(
        _ method: HTTPMethod, _ url: String, body: String? = nil, headers: [(String, String)] = [],
        contentType: String = "application/json", authorized: Bool = true
    ) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if authorized, let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let cookie = cookies.header(for: url), !headers.contains(where: { $0.0.lowercased() == "cookie" }) {
            request.headers.add(name: "Cookie", value: cookie)
        }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        cookies.store(response.headers, from: url)
        return HTTPAnswer(status: Int(response.status.code), headers: response.headers, body: String(buffer: buffer))
    }

    /// Runs `body` with a client of its own that never follows redirects, and shuts the client down after.
    public static func withClient<T: Sendable>(apiKey: String? = nil, _ body: (HTTP) async throws -> T) async throws -> T {
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(30))))
        do {
            let result = try await body(HTTP(client: client, apiKey: apiKey))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    public func get(_ url: String, headers: [(String, String)] = [], authorized: Bool = true) async throws -> HTTPAnswer {
        try await send(.GET, url, headers: headers, authorized: authorized)
    }

    public func post(_ url: String, json: String) async throws -> HTTPAnswer {
        try await send(.POST, url, body: json)
    }

    public func put(_ url: String, json: String) async throws -> HTTPAnswer {
        try await send(.PUT, url, body: json)
    }

    public func delete(_ url: String) async throws -> HTTPAnswer {
        try await send(.DELETE, url)
    }

    public func postForm(_ url: String, _ pairs: [(String, String)]) async throws -> HTTPAnswer {
        let body = pairs.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
        return try await send(
            .POST, url, body: body, contentType: "application/x-www-form-urlencoded", authorized: false)
    }

    public static func escape(_ string: String) -> String {
        string.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(
                charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? string
    }
}

/// The query parameters of a URL.
public func queryItems(_ url: String) -> [String: String] {
    var items: [String: String] = [:]
    for item in URLComponents(string: url)?.queryItems ?? [] { items[item.name] = item.value ?? "" }
    return items
}
