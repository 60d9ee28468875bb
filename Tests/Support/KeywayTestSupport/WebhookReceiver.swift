import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KeywayCore
import KeywayServer
import Logging
import NIOCore
import Synchronization

/// An app's webhook receiver on a loopback port: it keeps every request it gets (headers and body as
/// received) and answers with the status `answer` gives for the request's number (1 for the first).
public final class WebhookReceiver: Sendable {
    /// One request received.
    public struct Received: Sendable {
        public var headers: [String: String]
        public var body: Data
        /// When it arrived.
        public var at = Date()
        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        }
        /// The event's `type`, or "" for a body that is none.
        public var eventType: String { json["type"] as? String ?? "" }
    }

    private let received = Mutex<[Received]>([])
    private let answer: @Sendable (Int) -> Int
    private let delay: @Sendable (Int) -> Duration

    /// Creates a receiver answering `answer(n)` to its n-th request (200 by default), after `delay(n)` (none by
    /// default: a delay stalls the sender's attempt).
    public init(
        answer: @escaping @Sendable (Int) -> Int = { _ in 200 }, delay: @escaping @Sendable (Int) -> Duration = { _ in .zero }
    ) {
        self.answer = answer
        self.delay = delay
    }

    /// Every request so far.
    public var requests: [Received] { received.withLock { $0 } }

    /// Runs `body` with the receiver listening; the argument is its URL.
    public func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        var logger = Logger(label: "receiver")
        logger.logLevel = .warning
        let router = Router()
        router.post("hook") { [self] request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let headers = Dictionary(request.headers.map { ($0.name.canonicalName, $0.value) }) { "\($0), \($1)" }
            let number = received.withLock {
                $0.append(Received(headers: headers, body: Data(buffer: bytes)))
                return $0.count
            }
            if delay(number) > .zero { try? await Task.sleep(for: delay(number)) }
            return Response(status: HTTPResponse.Status(code: answer(number)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port ?? 0)/hook")
        }
    }

    /// Waits until `condition` holds over the requests received, for at most `timeout` seconds.
    @discardableResult
    public func wait(
        timeout: TimeInterval = 15, until condition: @Sendable ([Received]) -> Bool
    ) async throws -> [Received] {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            let now = requests
            if condition(now) { return now }
            try await Task.sleep(for: .milliseconds(20))
        }
        return requests
    }
}

extension Harness {
    /// Runs `body` with a webhook delivery worker running passes against this harness's engine, polling often.
    /// It is stopped between passes, never cancelled mid-pass (a cancelled store transaction would leave
    /// the test's store unusable).
    public func withWebhookWorker(_ body: @Sendable () async throws -> Void) async throws {
        let stop = StopFlag()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [keyway] in
                while !stop.value.load(ordering: .relaxed) {
                    if try await keyway.deliverDueWebhooks() == 0 { try await Task.sleep(for: .milliseconds(20)) }
                }
            }
            do {
                try await body()
            } catch {
                stop.value.store(true, ordering: .relaxed)
                try await group.waitForAll()
                throw error
            }
            stop.value.store(true, ordering: .relaxed)
            try await group.waitForAll()
        }
    }

    /// Registers a webhook endpoint over the API; returns its JSON answer.
    public func addWebhook(url: String, events: [String]? = nil) async throws -> [String: Any] {
        var body: [String: Any] = ["url": url]
        if let events { body["events"] = events }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let answer = try await http.post("\(api)/webhooks", json: json)
        guard answer.status == 201 else { throw HarnessFailure("POST /v1/webhooks answered \(answer.status): \(answer.body)") }
        return answer.json
    }
}

/// A harness step that did not go as a test expects.
public struct HarnessFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A flag a loop in another task checks between its steps.
final class StopFlag: Sendable {
    let value = Atomic<Bool>(false)
}
