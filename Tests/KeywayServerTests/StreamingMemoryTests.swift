import AsyncHTTPClient
import Foundation
import KeywayTestSupport
import NIOCore
import Testing

/// 50 MB through the proxy, each way, with Keyway's resident memory sampled in a process of its own.
@Suite("Proxy streaming memory", .serialized)
struct StreamingMemoryTests {
    static let size = 50 << 20
    /// Growth allowed over the baseline: well under the body's size, so a buffered body cannot pass.
    static let allowedGrowth = 24 << 20

    @Test("a 50 MB download and a 50 MB upload stream through without Keyway's memory growing with the size")
    func fiftyMegabytes() async throws {
        let upstream = Upstream()
        try await upstream.run { upstreamURL in
            let keyway = try await KeywayProcess(arguments: ["--sandbox", "--allow-private-urls"])
            defer { keyway.stop() }
            let client = HTTPClient(
                eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                configuration: .init(redirectConfiguration: .disallow, timeout: .init(read: .seconds(120))))
            do {
                try await Self.measure(client: client, keyway: keyway, upstreamURL: upstreamURL)
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }

    static func measure(client: HTTPClient, keyway: KeywayProcess, upstreamURL: String) async throws {
        do {
            let http = HTTP(client: client, apiKey: keyway.apiKey)
            let sandbox = keyway.url + "/sandbox/hubspot"
            let service = """
                {"provider":"custom","clientId":"sandbox-client-id","clientSecret":"sandbox-client-secret","scopes":["oauth"],
                 "authorizationUrl":"\(sandbox)/oauth/authorize","tokenUrl":"\(sandbox)/oauth/2026-03/token",
                 "apiBaseUrl":"\(upstreamURL)","pkce":false}
                """
            #expect(try await http.put("\(keyway.url)/v1/services/bulk", json: service).status == 200)
            let session = try await http.post(
                "\(keyway.url)/v1/services/bulk/sessions", json: #"{"tags":{"t":"1"},"finishedUrl":"http://127.0.0.1:9/f"}"#)
            let finished = try await Browser(http: http).walk(try #require(session.json["url"] as? String))
            let id = try #require(queryItems(finished)["identityId"])

            // Warm up: the first proxied call opens connections and fills caches.
            _ = try await Self.download(client, "\(keyway.url)/v1/proxy/bulk/bytes/\(1 << 20)", key: keyway.apiKey, identity: id)
            let baseline = keyway.residentBytes
            #expect(baseline > 0)

            let (downloaded, downloadPeak) = try await Self.sampling(keyway) {
                try await Self.download(client, "\(keyway.url)/v1/proxy/bulk/bytes/\(Self.size)", key: keyway.apiKey, identity: id)
            }
            #expect(downloaded == Self.size)
            let (uploaded, uploadPeak) = try await Self.sampling(keyway) {
                try await Self.upload(client, "\(keyway.url)/v1/proxy/bulk/count", key: keyway.apiKey, identity: id)
            }
            #expect(uploaded == "\(Self.size)")
            let downloadGrowth = downloadPeak - baseline
            let uploadGrowth = uploadPeak - baseline
            print("proxy streaming: baseline RSS \(baseline >> 20) MiB; 50 MiB download peak growth \(downloadGrowth >> 20) MiB; 50 MiB upload peak growth \(uploadGrowth >> 20) MiB")
            #expect(downloadGrowth < Self.allowedGrowth, "download grew RSS by \(downloadGrowth >> 20) MiB")
            #expect(uploadGrowth < Self.allowedGrowth, "upload grew RSS by \(uploadGrowth >> 20) MiB")
        }
    }

    /// Runs `work` while sampling the process's resident memory every 10 ms; returns its result and the peak.
    static func sampling<Value: Sendable>(
        _ process: KeywayProcess, _ work: @escaping @Sendable () async throws -> Value
    ) async throws -> (Value, Int) {
        try await withThrowingTaskGroup(of: Int?.self) { group in
            let result = ValueBox<Value>()
            group.addTask {
                await result.set(try await work())
                return nil
            }
            group.addTask {
                var peak = 0
                while !Task.isCancelled {
                    peak = max(peak, process.residentBytes)
                    try? await Task.sleep(for: .milliseconds(10))
                }
                return peak
            }
            _ = try await group.next()
            group.cancelAll()
            var peak = 0
            for try await sample in group { peak = max(peak, sample ?? 0) }
            return (try #require(await result.value), max(peak, process.residentBytes))
        }
    }

    /// Downloads through the proxy, counting bytes without holding them.
    static func download(_ client: HTTPClient, _ url: String, key: String, identity: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Keyway-Identity", value: identity)
        let response = try await client.execute(request, timeout: .seconds(120))
        #expect(response.status == .ok)
        var total = 0
        for try await buffer in response.body { total += buffer.readableBytes }
        return total
    }

    /// Uploads 50 MB through the proxy from a stream of 64 KiB chunks.
    static func upload(_ client: HTTPClient, _ url: String, key: String, identity: String) async throws -> String {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Keyway-Identity", value: identity)
        let chunk = ByteBuffer(repeating: UInt8(ascii: "y"), count: 64 << 10)
        let chunks = AsyncStream<ByteBuffer> { continuation in
            for _ in 0..<(size / chunk.readableBytes) { continuation.yield(chunk) }
            continuation.finish()
        }
        request.body = .stream(chunks, length: .known(Int64(size)))
        let response = try await client.execute(request, timeout: .seconds(120))
        #expect(response.status == .ok)
        return String(buffer: try await response.body.collect(upTo: 1024))
    }
}

/// Carries a result out of a task group.
actor ValueBox<Value: Sendable> {
    var value: Value?
    func set(_ value: Value) { self.value = value }
}
