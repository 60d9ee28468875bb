import AsyncHTTPClient
import Foundation
import Hummingbird
import KeywayCore
import KeywaySandbox
import KeywaySandboxHosting
import KeywayServer
import KeywayStore
import Logging
import NIOCore
import NIOHTTP1

// Keyway's benchmarks: proxy against calling the sandbox directly, and token reads against a bare
// Hummingbird route, each printed as a ratio from one run (machines are noisy; ratios travel better).

// `keyway-bench --bare PORT`: only the bare route, on PORT, for Benchmarks/run.sh to load with wrk.
if let flag = CommandLine.arguments.firstIndex(of: "--bare"), let port = Int(CommandLine.arguments.dropFirst(flag + 1).first ?? "") {
    try await BareRoute.serve(port: port)
    exit(0)
}

// `keyway-bench --seed COUNT --data-dir DIR [--database URL]`: seeds identities for Benchmarks/run.sh --million.
if let flag = CommandLine.arguments.firstIndex(of: "--seed"), let count = Int(CommandLine.arguments.dropFirst(flag + 1).first ?? ""),
    let dirFlag = CommandLine.arguments.firstIndex(of: "--data-dir"), let dataDirectory = CommandLine.arguments.dropFirst(dirFlag + 1).first
{
    let database = CommandLine.arguments.firstIndex(of: "--database").flatMap { CommandLine.arguments.dropFirst($0 + 1).first }
    try await Seed.run(count: count, dataDirectory: dataDirectory, database: database)
    exit(0)
}

let requests = Int(ProcessInfo.processInfo.environment["BENCH_REQUESTS"] ?? "") ?? 20_000
let concurrency = Int(ProcessInfo.processInfo.environment["BENCH_CONCURRENCY"] ?? "") ?? 32
var logger = Logger(label: "keyway-bench")
logger.logLevel = .critical

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keyway-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let store = try await SQLStore.openSQLite(
    path: directory.appendingPathComponent("keyway.db").path, masterKey: .generate(), logger: logger)
var clientConfiguration = HTTPClient.Configuration(redirectConfiguration: .disallow)
clientConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
let upstreamClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
let loadClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
let keyway = Keyway(
    store: store, httpClient: upstreamClient,
    configuration: KeywayConfiguration(
        publicURL: "http://127.0.0.1", outboundURLs: .anyAddress, dashboardPassKey: store.dashboardPassKey),
    logger: logger)
let sandbox = SandboxHubSpot()
let ready = AsyncStream<Int>.makeStream()
let router = KeywayRouter.make(keyway: keyway)
SandboxService.mount(sandbox, on: router)
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: 0)),
    onServerRunning: { channel in ready.continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
let bareRouter = BareRoute.router()
let bareReady = AsyncStream<Int>.makeStream()
let bare = Application(
    router: bareRouter, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
    onServerRunning: { channel in bareReady.continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)

try await withThrowingTaskGroup(of: Void.self) { group in
    group.addTask { try await app.runService() }
    group.addTask { try await bare.runService() }
    var ports = ready.stream.makeAsyncIterator()
    var barePorts = bareReady.stream.makeAsyncIterator()
    let port = await ports.next() ?? 0
    let barePort = await barePorts.next() ?? 0
    let base = "http://127.0.0.1:\(port)"
    keyway.publicURL = base
    let key = try await keyway.createAPIKey(name: "bench").key
    try await SandboxService.configure(on: keyway, sandbox: sandbox, sandboxURL: base + KeywayRouter.sandboxPath)
    let identity = try await connectIdentity(loadClient, api: base + "/v1", key: key, origin: base)
    let token = try await keyway.token(serviceId: "hubspot", identityId: identity).accessToken
    let contact = try await keyway.proxy(
        ProxyRequest(
            serviceId: "hubspot", identity: .id(identity), method: .post, path: "/crm/v3/objects/contacts",
            headers: [.contentType: "application/json"],
            body: .bytes(ByteBuffer(string: #"{"properties":{"email":"bench@example.com"}}"#))))
    _ = try await contact.body.collect(upTo: 1 << 20)

    if ProcessInfo.processInfo.environment["BENCH_PROFILE_TOKEN"] != nil {
        // For profilers: token reads only, for a while.
        _ = try await load(
            loadClient, url: base + "/v1/services/hubspot/identities/\(identity)/token",
            headers: [("Authorization", "Bearer \(key)")], requests: requests, concurrency: concurrency)
        group.cancelAll()
        return
    }
    print("Keyway benchmarks: \(requests) requests per figure, \(concurrency) concurrent, one run, loopback, one process.")
    let contactPath = "/crm/v3/objects/contacts/bench%40example.com?idProperty=email"
    _ = try await load(loadClient, url: base + "/sandbox/hubspot" + contactPath, headers: [("Authorization", "Bearer \(token)")], requests: 1000, concurrency: concurrency)
    let direct = try await load(
        loadClient, url: base + "/sandbox/hubspot" + contactPath, headers: [("Authorization", "Bearer \(token)")],
        requests: requests, concurrency: concurrency)
    let proxied = try await load(
        loadClient, url: base + "/v1/proxy/hubspot" + contactPath,
        headers: [("Authorization", "Bearer \(key)"), ("Keyway-Identity", identity)], requests: requests,
        concurrency: concurrency)
    let bareFigures = try await load(
        loadClient, url: "http://127.0.0.1:\(barePort)/token", headers: [], requests: requests, concurrency: concurrency)
    let tokens = try await load(
        loadClient, url: base + "/v1/services/hubspot/identities/\(identity)/token",
        headers: [("Authorization", "Bearer \(key)")], requests: requests, concurrency: concurrency)

    let engineStart = ContinuousClock.now
    try await withThrowingTaskGroup(of: Void.self) { workers in
        for _ in 0..<concurrency {
            workers.addTask {
                for _ in 0..<(requests / concurrency) { _ = try await keyway.token(serviceId: "hubspot", identityId: identity) }
            }
        }
        try await workers.waitForAll()
    }
    let engineElapsed = ContinuousClock.now - engineStart
    let engineThroughput =
        Double(requests) / (Double(engineElapsed.components.seconds) + Double(engineElapsed.components.attoseconds) / 1e18)

    func row(_ name: String, _ figures: LoadFigures) -> String {
        name.padding(toLength: 36, withPad: " ", startingAt: 0)
            + String(
                format: "%9.0f req/s   p50 %6.2f ms   p99 %6.2f ms", figures.throughput, figures.percentile(0.5),
                figures.percentile(0.99))
    }
    print(row("sandbox contact, direct", direct))
    print(row("sandbox contact, through the proxy", proxied))
    print(row("bare Hummingbird route", bareFigures))
    print(row("token read (GET …/token)", tokens))
    print("token read in process (Keyway.token)".padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: "%9.0f req/s", engineThroughput))
    print(String(format: "proxy throughput / direct throughput: %.2f", proxied.throughput / direct.throughput))
    print(String(format: "proxy p50 latency / direct p50 latency: %.2f", proxied.percentile(0.5) / direct.percentile(0.5)))
    print(String(format: "proxy p99 latency / direct p99 latency: %.2f", proxied.percentile(0.99) / direct.percentile(0.99)))
    print(String(format: "token-read throughput / bare route throughput: %.2f", tokens.throughput / bareFigures.throughput))
    print(String(format: "token-read p50 latency / bare route p50 latency: %.2f", tokens.percentile(0.5) / bareFigures.percentile(0.5)))
    print(String(format: "token-read over HTTP / in-process engine throughput: %.2f", tokens.throughput / engineThroughput))
    group.cancelAll()
}
try await loadClient.shutdown().get()
try await upstreamClient.shutdown().get()
try await store.close()
