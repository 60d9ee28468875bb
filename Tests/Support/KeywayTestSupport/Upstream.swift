import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization

/// A plain API server for proxy tests: it echoes what reached it, streams large bodies, and counts
/// every request, so that a test can prove a refused call reached no host.
public final class Upstream: Sendable {
    private let counter = Mutex(0)
    private let limited = Mutex<Set<String>>([])

    /// Creates an upstream.
    public init() {}

    /// How many requests reached it.
    public var requests: Int { counter.withLock { $0 } }

    /// Runs `body` with the upstream listening on a loopback port; the argument is its base URL.
    public func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        var logger = Logger(label: "upstream")
        logger.logLevel = .warning
        let app = Application(
            router: router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port ?? 0)")
        }
    }

    private func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.middlewares.add(CountingMiddleware(upstream: self))
        // Describes the request it received, as JSON.
        router.on("inspect/**", method: .post, use: inspect)
        router.on("inspect/**", method: .get, use: inspect)
        // Streams `count` bytes of 'x' in 64 KiB chunks, without holding them.
        router.get("bytes/:count") { _, context -> Response in
            let count = context.parameters.get("count", as: Int.self) ?? 0
            let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 << 10)
            return Response(
                status: .ok, headers: [.contentType: "application/octet-stream"],
                body: ResponseBody(contentLength: count) { writer in
                    var left = count
                    while left > 0 {
                        let size = min(left, chunk.readableBytes)
                        try await writer.write(chunk.getSlice(at: 0, length: size)!)
                        left -= size
                    }
                    try await writer.finish(nil)
                })
        }
        // Answers the first request for each path 429 with the rate-limit headers the query names (`h=Name:Value`,
        // repeated; `{now+N}`, `{nowms+N}` and `{date+N}` in a value become epoch seconds, epoch milliseconds and
        // an HTTP date N seconds ahead), and every later one 200.
        router.get("limited/:key") { request, context -> Response in
            let key = context.parameters.get("key") ?? ""
            let first = self.limited.withLock { $0.insert(key).inserted }
            guard first else { return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok"))) }
            var headers = HTTPFields()
            for value in request.uri.queryParameters.getAll("h") {
                guard let colon = value.firstIndex(of: ":"), let name = HTTPField.Name(String(value[..<colon])) else { continue }
                headers.append(HTTPField(name: name, value: Self.expand(String(value[value.index(after: colon)...]))))
            }
            return Response(status: .tooManyRequests, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "slow down")))
        }
        // Counts the bytes of an uploaded body without holding them.
        router.post("count") { request, _ -> String in
            var total = 0
            for try await buffer in request.body { total += buffer.readableBytes }
            return "\(total)"
        }
        return router
    }

    @Sendable private func inspect(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 1 << 20)
        let description: [String: Any] = [
            "method": request.method.rawValue,
            "path": request.uri.path,
            "query": request.uri.query ?? "",
            "headers": Dictionary(request.headers.map { ($0.name.canonicalName, $0.value) }) { "\($0), \($1)" },
            "body": String(buffer: body),
        ]
        let data = try JSONSerialization.data(withJSONObject: description, options: .sortedKeys)
        return Response(
            status: .ok, headers: [.contentType: "application/json", HTTPField.Name("X-Upstream")!: "yes"],
            body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// Fills `{now+N}`, `{nowms+N}` and `{date+N}` in a header value.
    static func expand(_ value: String) -> String {
        guard value.hasPrefix("{"), value.hasSuffix("}"), let plus = value.firstIndex(of: "+"),
            let offset = Double(value[value.index(after: plus)..<value.index(before: value.endIndex)])
        else { return value }
        let at = Date().addingTimeInterval(offset)
        switch value[value.index(after: value.startIndex)..<plus] {
        case "now": return String(Int(at.timeIntervalSince1970.rounded(.up)))
        case "nowms": return String(Int64(at.timeIntervalSince1970 * 1000))
        case "date":
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            return formatter.string(from: at.addingTimeInterval(1))
        default: return value
        }
    }

    fileprivate func count() {
        counter.withLock { $0 += 1 }
    }

    private struct CountingMiddleware: RouterMiddleware {
        let upstream: Upstream
        func handle(
            _ request: Request, context: BasicRequestContext,
            next: (Request, BasicRequestContext) async throws -> Response
        ) async throws -> Response {
            upstream.count()
            return try await next(request, context)
        }
    }
}
